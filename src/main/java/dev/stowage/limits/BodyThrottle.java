package dev.stowage.limits;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces one response body to the {@code bandwidth:out} limits that apply to it (the user's, the bucket's, or both:
 * the bytes count against each, and the stricter one sets the pace). The response writer sends the body in chunks
 * of {@link #chunkSize()} and calls {@link #beforeSending} before each; the wait parks the writing virtual thread,
 * which holds no OS thread while it waits.
 */
public final class BodyThrottle {
    private static final int MIN_CHUNK = 1 << 10;
    private static final int MAX_CHUNK = 16 << 10;

    private final RateMeter first;
    private final RateMeter second;
    private final int chunkSize;

    BodyThrottle(RateMeter first, RateMeter second) {
        this.first = first;
        this.second = second;
        double slowest = second == null ? first.rate : Math.min(first.rate, second.rate);
        // about eight chunks a second keep the pace smooth without many tiny writes
        this.chunkSize = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, slowest / 8));
    }

    /** How many bytes to send at a time. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Takes {@code bytes} from the limits' shared budgets and waits until they may be sent. */
    public void beforeSending(int bytes) throws InterruptedException {
        long now = System.nanoTime();
        long wait = first.reserve(bytes, now);
        if (second != null) {
            wait = Math.max(wait, second.reserve(bytes, now));
        }
        sleep(wait);
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
