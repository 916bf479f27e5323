package dev.stowage.usage;

import dev.stowage.config.StowageConfig;
import dev.stowage.observe.RequestObserver;
import dev.stowage.observe.RequestRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every finished request that was signed by a user and reached an existing bucket, in memory: one cell of
 * {@link LongAdder}s per {@link UsageKey}, so 64 clients hammering one bucket never wait on each other and the
 * request path does no I/O. Refused and failed requests count too (an AccessDenied on someone else's bucket, a
 * NoSuchKey, a SlowDown): what the gateway served. Anonymous requests, requests whose signature failed and requests
 * that named no existing bucket (ListBuckets, a NoSuchBucket) are not counted, having no key to count under.
 *
 * <p>{@link #drain} takes the counts made since the last drain: each addition lands in exactly one drain. Cells
 * idle for two drains are removed and still drained for five minutes, so an update that found a cell just before
 * its removal is still taken.
 */
@ApplicationScoped
public class UsageCollector implements RequestObserver {
    /**
     * How long a removed cell is still drained, in case a request was adding to it as it went (the window between
     * finding a cell and adding to it is a few instructions; this is five minutes).
     */
    private static final long RETIRED_NANOS = 300_000_000_000L;

    private final boolean enabled;
    private final ConcurrentHashMap<UsageKey, Cell> cells = new ConcurrentHashMap<>();
    private final List<Cell> retired = new ArrayList<>();

    @Inject
    public UsageCollector(StowageConfig config) {
        this(config.usage().collect());
    }

    UsageCollector(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void completed(RequestRecord r) {
        if (!enabled || r.userId() == null || r.bucket() == null) {
            return;
        }
        UsageKey key = new UsageKey(r.bucket(), r.bucketEpoch(), r.userId(), "");
        Cell cell = cells.get(key);
        if (cell == null) {
            cell = cells.computeIfAbsent(key, Cell::new);
        }
        cell.add(UsageClass.of(r.action()), r.bytesIn(), r.bytesOut());
    }

    /** The counts made since the previous drain, per key (keys without counts left out). */
    public synchronized Map<UsageKey, UsageCounts> drain() {
        Map<UsageKey, UsageCounts> out = new HashMap<>();
        for (Cell cell : cells.values()) {
            UsageCounts counts = cell.take();
            if (counts.isZero()) {
                if (++cell.idleDrains >= 2 && cells.remove(cell.key, cell)) {
                    cell.retiredAt = System.nanoTime();
                    retired.add(cell);
                }
            } else {
                cell.idleDrains = 0;
                out.merge(cell.key, counts, UsageCounts::plus);
            }
        }
        for (Iterator<Cell> it = retired.iterator(); it.hasNext(); ) {
            Cell cell = it.next();
            UsageCounts counts = cell.take();
            if (!counts.isZero()) {
                out.merge(cell.key, counts, UsageCounts::plus);
            }
            if (System.nanoTime() - cell.retiredAt > RETIRED_NANOS) {
                it.remove();
            }
        }
        return out;
    }

    /** The counters of one key. Each adder is taken with {@link LongAdder#sumThenReset}, which loses no update. */
    private static final class Cell {
        final UsageKey key;
        final LongAdder put = new LongAdder();
        final LongAdder get = new LongAdder();
        final LongAdder list = new LongAdder();
        final LongAdder other = new LongAdder();
        final LongAdder uploaded = new LongAdder();
        final LongAdder downloaded = new LongAdder();
        int idleDrains;
        long retiredAt;

        Cell(UsageKey key) {
            this.key = key;
        }

        void add(UsageClass usageClass, long bytesIn, long bytesOut) {
            switch (usageClass) {
                case PUT -> put.increment();
                case GET -> get.increment();
                case LIST -> list.increment();
                case OTHER -> other.increment();
            }
            if (bytesIn > 0) {
                uploaded.add(bytesIn);
            }
            if (bytesOut > 0) {
                downloaded.add(bytesOut);
            }
        }

        UsageCounts take() {
            return new UsageCounts(put.sumThenReset(), get.sumThenReset(), list.sumThenReset(),
                    other.sumThenReset(), uploaded.sumThenReset(), downloaded.sumThenReset());
        }
    }
}
