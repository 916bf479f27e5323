package dev.stowage.usage;

import dev.stowage.store.BucketInfo;
import dev.stowage.store.StorageListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Storage accounting: every bucket's bytes and objects, kept current in memory from the store's change events
 * (no I/O on the request path) and reconciled with the filesystem by {@link StorageScan}. Made durable with the
 * usage checkpoints ({@link UsageRollup}); after a crash the next start measures every bucket again, so the
 * current sizes are exact again at once and only the hmax/integral of the last checkpoint interval are approximated.
 *
 * <p>Several replicas on one data directory each see their own writes at once and the others' at their next scan
 * ({@code stowage.usage.storage-scan-interval}).
 */
public final class StorageLedger implements StorageListener {
    private static final String MAGIC = "stowage-storage-1";

    private final Clock clock;
    private final ConcurrentHashMap<Key, BucketStorage> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();

    private record Key(String bucket, long epoch) {}

    public StorageLedger(Clock clock) {
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Override
    public void objectChanged(BucketInfo bucket, long oldSize, long newSize) {
        long deltaBytes = Math.max(newSize, 0) - Math.max(oldSize, 0);
        long deltaObjects = (newSize >= 0 ? 1 : 0) - (oldSize >= 0 ? 1 : 0);
        long now = now();
        buckets.compute(new Key(bucket.name(), bucket.epoch()), (k, s) ->
                (s == null ? BucketStorage.empty(bucket.name(), bucket.epoch(), bucket.ownerId(), now) : s)
                        .changed(now, deltaBytes, deltaObjects));
        dirty.set(true);
    }

    /** A bucket's storage; zeros for a bucket without any object seen. */
    public BucketStorage of(BucketInfo bucket) {
        return of(bucket.name(), bucket.epoch(), bucket.ownerId());
    }

    /** The storage of bucket {@code name} of that epoch; zeros for a bucket without any object seen. */
    public BucketStorage of(String name, long epoch, String ownerId) {
        BucketStorage s = buckets.get(new Key(name, epoch));
        return s != null ? s : BucketStorage.empty(name, epoch, ownerId, now());
    }

    /** Every bucket's storage, by name. */
    public List<BucketStorage> all() {
        List<BucketStorage> all = new ArrayList<>(buckets.values());
        all.sort(Comparator.comparing(BucketStorage::bucket).thenComparingLong(BucketStorage::epoch));
        return all;
    }

    /** The totals of one user's buckets (bytes, objects, hmax as the sum of the buckets', integral). */
    public BucketStorage ofUser(String ownerId) {
        long current = 0, objects = 0, hmax = 0, integral = 0, last = 0;
        for (BucketStorage s : buckets.values()) {
            if (s.ownerId().equals(ownerId)) {
                current += s.current();
                objects += s.objects();
                hmax += s.hmax();
                integral += s.hIntegral();
                last = Math.max(last, s.lastTs());
            }
        }
        return new BucketStorage("", 0, ownerId, current, objects, hmax, integral, last);
    }

    /** Sets a bucket's totals to what a walk measured. */
    void measured(BucketInfo bucket, long bytes, long objects) {
        long now = now();
        buckets.compute(new Key(bucket.name(), bucket.epoch()), (k, s) ->
                (s == null ? BucketStorage.empty(bucket.name(), bucket.epoch(), bucket.ownerId(), now) : s)
                        .measured(now, bytes, objects));
        dirty.set(true);
    }

    /** Forgets buckets that no longer exist (by name and epoch). */
    void retainOnly(List<BucketInfo> existing) {
        Set<Key> keep = new HashSet<>();
        for (BucketInfo b : existing) {
            keep.add(new Key(b.name(), b.epoch()));
        }
        if (buckets.keySet().retainAll(keep)) {
            dirty.set(true);
        }
    }

    /**
     * Closes a usage period: returns every bucket's storage carried forward to {@code now} and starts the next
     * period (integral from 0, maximum from the current size).
     */
    List<BucketStorage> closePeriod(long now) {
        List<BucketStorage> closed = new ArrayList<>();
        for (Key k : List.copyOf(buckets.keySet())) {
            buckets.computeIfPresent(k, (key, s) -> {
                BucketStorage advanced = s.advancedTo(now);
                closed.add(advanced);
                return advanced.newPeriod(now);
            });
        }
        closed.sort(Comparator.comparing(BucketStorage::bucket).thenComparingLong(BucketStorage::epoch));
        dirty.set(true);
        return closed;
    }

    /** Whether anything changed since the last {@link #encode}. */
    boolean dirty() {
        return dirty.get();
    }

    /** The state as lines of tab-separated values, every integral carried forward to now. */
    byte[] encode(boolean clean) {
        dirty.set(false);
        long now = now();
        StringBuilder out = new StringBuilder(MAGIC).append('\t').append(clean ? "clean" : "open").append('\n');
        for (Key k : List.copyOf(buckets.keySet())) {
            BucketStorage s = buckets.computeIfPresent(k, (key, v) -> v.advancedTo(now));
            if (s != null) {
                out.append(s.bucket()).append('\t').append(s.epoch()).append('\t').append(s.ownerId()).append('\t')
                        .append(s.current()).append('\t').append(s.objects()).append('\t').append(s.hmax())
                        .append('\t').append(s.hIntegral()).append('\t').append(s.lastTs()).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Loads a state written by {@link #encode}; returns whether it was written at a clean stop. */
    boolean load(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 2 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a storage state");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 8) {
                continue;
            }
            BucketStorage s = new BucketStorage(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
            buckets.put(new Key(s.bucket(), s.epoch()), s);
        }
        return head[1].equals("clean");
    }
}
