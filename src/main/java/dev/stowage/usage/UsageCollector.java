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
import java.util.function.LongSupplier;

/**
 * Counts every finished request that was signed by a user and reached an existing bucket, in memory: one cell of
 * {@link LongAdder}s per {@link TrafficKey} (the usage key, the 15-minute slot the request finished in and its AWS
 * action: the usage objects and the metering rows are both sums of these cells), so 64 clients hammering one bucket never wait on each other and the
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
    private final LongSupplier clockMillis;
    private final ConcurrentHashMap<TrafficKey, Cell> cells = new ConcurrentHashMap<>();
    private final List<Cell> retired = new ArrayList<>();

    @Inject
    public UsageCollector(StowageConfig config) {
        this(config.usage().collect(), System::currentTimeMillis);
    }

    UsageCollector(boolean enabled) {
        this(enabled, System::currentTimeMillis);
    }

    UsageCollector(boolean enabled, LongSupplier clockMillis) {
        this.enabled = enabled;
        this.clockMillis = clockMillis;
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void completed(RequestRecord r) {
        if (!enabled || r.userId() == null || r.bucket() == null) {
            return;
        }
        TrafficKey key = new TrafficKey(new UsageKey(r.bucket(), r.bucketEpoch(), r.userId(), ""),
                TrafficKey.slotOf(clockMillis.getAsLong() / 1000), r.action() == null ? "" : r.action());
        Cell cell = cells.get(key);
        if (cell == null) {
            cell = cells.computeIfAbsent(key, Cell::new);
        }
        cell.add(r.bytesIn(), r.bytesOut());
    }

    /** The counts made since the previous drain, per key, slot and action (keys without counts left out). */
    public synchronized Map<TrafficKey, TrafficCounts> drain() {
        Map<TrafficKey, TrafficCounts> out = new HashMap<>();
        for (Cell cell : cells.values()) {
            TrafficCounts counts = cell.take();
            if (counts.isZero()) {
                if (++cell.idleDrains >= 2 && cells.remove(cell.key, cell)) {
                    cell.retiredAt = System.nanoTime();
                    retired.add(cell);
                }
            } else {
                cell.idleDrains = 0;
                out.merge(cell.key, counts, TrafficCounts::plus);
            }
        }
        for (Iterator<Cell> it = retired.iterator(); it.hasNext(); ) {
            Cell cell = it.next();
            TrafficCounts counts = cell.take();
            if (!counts.isZero()) {
                out.merge(cell.key, counts, TrafficCounts::plus);
            }
            if (System.nanoTime() - cell.retiredAt > RETIRED_NANOS) {
                it.remove();
            }
        }
        return out;
    }

    /** The counters of one key. Each adder is taken with {@link LongAdder#sumThenReset}, which loses no update. */
    private static final class Cell {
        final TrafficKey key;
        final LongAdder ops = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        int idleDrains;
        long retiredAt;

        Cell(TrafficKey key) {
            this.key = key;
        }

        void add(long in, long out) {
            ops.increment();
            if (in > 0) {
                bytesIn.add(in);
            }
            if (out > 0) {
                bytesOut.add(out);
            }
        }

        TrafficCounts take() {
            return new TrafficCounts(ops.sumThenReset(), bytesIn.sumThenReset(), bytesOut.sumThenReset());
        }
    }
}
