package dev.stowage.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of one subject for one kind of use, lock-free: the generic cell rate algorithm keeps a single
 * "theoretical arrival time" ({@code tat}, System.nanoTime based) instead of a token count and a refill time. Each
 * unit (a request, a byte) moves it on by {@code 1/rate} seconds; the bucket holds one second's worth (at least one
 * unit), so up to that much passes at once after a quiet second, and the rate is kept over time. Refill is continuous.
 */
final class RateMeter {
    private static final long SECOND = 1_000_000_000L;

    /** The units per second this meter allows (after dividing by the replica count). */
    final double rate;
    private final double nanosPerUnit;
    /** How far ahead of now {@code tat} may run: the bucket's size less one unit, as time. */
    private final long tolerance;
    private final AtomicLong tat;

    RateMeter(double rate, long now) {
        this.rate = rate;
        this.nanosPerUnit = SECOND / rate;
        // exactly max(1, floor(rate)) back-to-back units fit, whatever the rounding of one unit's time
        this.tolerance = (Math.max(1, (long) Math.floor(rate)) - 1) * units(1);
        this.tat = new AtomicLong(now);
    }

    /**
     * Takes one unit if the bucket has it: answers 0, or — taking nothing — the nanoseconds until it will. A refused
     * request is not counted: a client that waits as told gets through.
     */
    long tryAcquire(long now) {
        long step = units(1);
        while (true) {
            long current = tat.get();
            long base = current - now > 0 ? current : now;
            long ahead = base - now;
            if (ahead > tolerance) {
                return ahead - tolerance;
            }
            if (tat.compareAndSet(current, base + step)) {
                return 0;
            }
        }
    }

    /** Gives back one unit taken by {@link #tryAcquire} (when a second meter then refused the request). */
    void release() {
        tat.addAndGet(-units(1));
    }

    /**
     * Takes {@code n} units now, running into debt if need be, and answers the nanoseconds the caller must wait
     * before using them (0 when the bucket had them). Callers sharing the meter queue up fairly in the order they
     * reserve.
     */
    long reserve(long n, long now) {
        long step = units(n);
        while (true) {
            long current = tat.get();
            long base = current - now > 0 ? current : now;
            long next = base + step;
            if (tat.compareAndSet(current, next)) {
                // the units fit once the bucket, one second deep, holds them again
                return Math.max(0, next - now - SECOND);
            }
        }
    }

    /** Whether the meter has been full for at least {@code idleNanos}: it then behaves exactly like a new one. */
    boolean idleSince(long now, long idleNanos) {
        return now - tat.get() > idleNanos;
    }

    /** The time {@code n} units take, rounded up (so the rate is never exceeded). */
    private long units(long n) {
        return Math.max(1, (long) Math.ceil(n * nanosPerUnit));
    }
}
