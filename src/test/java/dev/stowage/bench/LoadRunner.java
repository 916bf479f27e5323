package dev.stowage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from N threads until a deadline or an operation count is reached, whichever comes first,
 * timing every call. A phase also ends early when an operation reports {@link Exhausted} (a pre-created pool ran
 * out) or when errors pile up; threads that outlive the deadline by more than the grace time are abandoned and
 * reported.
 */
final class LoadRunner {
    /** A phase never waits longer than this past its deadline (the HTTP socket timeout is shorter). */
    static final Duration GRACE = Duration.ofSeconds(180);

    private static final long MAX_ERRORS = 1000;

    private LoadRunner() {}

    /** One call against the server, made by thread {@code thread}; returns its kind (0 unless a mix). */
    @FunctionalInterface
    interface Op {
        int call(int thread) throws Exception;
    }

    /** Thrown by an operation whose pool of pre-created objects ran out: its thread stops, with no error. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("pool exhausted", null, false, false);
        }
    }

    /** What a phase did: operations that succeeded by kind, errors, the wall time from start to the last thread. */
    record Phase(List<LatencyLog.Percentiles> latencies, long ok, long errors, String firstError, double seconds,
            int stuckThreads) {}

    static Phase run(int concurrency, Duration limit, long maxOps, int kinds, Op op) {
        AtomicLong deadline = new AtomicLong();
        AtomicLong tickets = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch startGate = new CountDownLatch(1);
        List<List<LatencyLog>> logs = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            logs.add(new ArrayList<>());
        }
        List<Thread> threads = new ArrayList<>();
        long[] ends = new long[concurrency];
        for (int t = 0; t < concurrency; t++) {
            LatencyLog[] mine = new LatencyLog[kinds];
            for (int k = 0; k < kinds; k++) {
                mine[k] = new LatencyLog();
                logs.get(k).add(mine[k]);
            }
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    startGate.await();
                    while (tickets.getAndIncrement() < maxOps && System.nanoTime() < deadline.get()
                            && errors.get() < MAX_ERRORS) {
                        long t0 = System.nanoTime();
                        int kind;
                        try {
                            kind = op.call(thread);
                        } catch (Exhausted e) {
                            break;
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                            continue;
                        }
                        mine[kind].add(System.nanoTime() - t0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ends[thread] = System.nanoTime();
                }
            }, "bench-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
        long start = System.nanoTime();
        deadline.set(start + limit.toNanos());
        startGate.countDown();
        int stuck = 0;
        long joinDeadline = deadline.get() + GRACE.toNanos();
        for (Thread worker : threads) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, joinDeadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                worker.interrupt();
                stuck++;
            }
        }
        long end = start;
        for (long e : ends) {
            end = Math.max(end, e);
        }
        if (stuck > 0) {
            end = System.nanoTime();
        }
        List<LatencyLog.Percentiles> merged = new ArrayList<>();
        long ok = 0;
        for (List<LatencyLog> kind : logs) {
            LatencyLog.Percentiles p = LatencyLog.merge(kind);
            ok += p.count();
            merged.add(p);
        }
        return new Phase(merged, ok, errors.get(), firstError.get(), (end - start) / 1e9, stuck);
    }
}
