package dev.stowage.bench;

import java.util.Arrays;
import java.util.List;

/** One thread's latencies in nanoseconds: appended without locking, merged and sorted once the phase is over. */
final class LatencyLog {
    private long[] nanos = new long[4096];
    private int size;

    void add(long value) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = value;
    }

    int size() {
        return size;
    }

    /** Every thread's latencies of one kind of operation, sorted. */
    static Percentiles merge(List<LatencyLog> logs) {
        int total = 0;
        for (LatencyLog log : logs) {
            total += log.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.nanos, 0, all, at, log.size);
            at += log.size;
        }
        Arrays.sort(all);
        return new Percentiles(all);
    }

    /** Sorted latencies; percentiles by the nearest-rank method. */
    record Percentiles(long[] sorted) {
        /** The latencies of several kinds together. */
        static Percentiles combine(List<Percentiles> parts) {
            long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.sorted)).toArray();
            Arrays.sort(all);
            return new Percentiles(all);
        }

        int count() {
            return sorted.length;
        }

        double millis(double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
        }

        double maxMillis() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }
    }
}
