package dev.stowage.limits;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces one response body to the {@code bandwidth:out} limits that apply to it (the user's, the bucket's, or both:
 * the bytes count against each, and the stricter one sets the pace). The response writer sends the body in chunks
 * of {@link #chunkSize()} and calls {@link #beforeSending} before each; the wait parks the writing virtual thread,
 * which holds no OS thread while it waits. The bytes and the waits are counted in {@link BandwidthMetrics}.
 */
public final class BodyThrottle {
    private static final int MIN_CHUNK = 1 << 10;
    private static final int MAX_CHUNK = 16 << 10;

    /** Waits a number of nanoseconds: {@link #PARK} in the gateway; tests move a made-up clock instead. */
    @FunctionalInterface
    interface Parker {
        void park(long nanos) throws InterruptedException;
    }

    /** Parks the calling (virtual) thread. */
    static final Parker PARK = BodyThrottle::sleep;

    /**
     * What every throttle of a gateway shares: the clock the meters run on (nanoseconds, as {@link System#nanoTime}),
     * how to wait, and the metrics.
     */
    record Pacing(LongSupplier clock, Parker parker, BandwidthMetrics metrics) {}

    private final RateMeter user;
    private final RateMeter bucket;
    private final Pacing pacing;
    private final int chunkSize;

    /** Paces to the user's meter, the bucket's, or both (at least one is not null). */
    BodyThrottle(RateMeter user, RateMeter bucket, Pacing pacing) {
        this.user = user;
        this.bucket = bucket;
        this.pacing = pacing;
        this.chunkSize = chunkSizeFor(user == null ? bucket.rate : bucket == null ? user.rate
                : Math.min(user.rate, bucket.rate));
    }

    /** The chunk size at a pace of {@code bytesPerSecond}. */
    static int chunkSizeFor(double bytesPerSecond) {
        // about eight chunks a second keep the pace smooth without many tiny writes
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, bytesPerSecond / 8));
    }

    /** How many bytes to send at a time. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Takes {@code bytes} from the limits' shared budgets and waits until they may be sent. */
    public void beforeSending(int bytes) throws InterruptedException {
        long now = pacing.clock().getAsLong();
        long userWait = take(user, LimitSubject.Kind.USER, bytes, now);
        long bucketWait = take(bucket, LimitSubject.Kind.BUCKET, bytes, now);
        long wait = Math.max(userWait, bucketWait);
        if (wait > 0) {
            pacing.metrics().waited(userWait >= bucketWait ? LimitSubject.Kind.USER : LimitSubject.Kind.BUCKET);
            pacing.parker().park(wait);
        }
    }

    private long take(RateMeter meter, LimitSubject.Kind limit, int bytes, long now) {
        if (meter == null) {
            return 0;
        }
        pacing.metrics().paced(limit, bytes);
        return meter.reserve(bytes, now);
    }

    private static void sleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing a response body");
            }
        }
    }
}
