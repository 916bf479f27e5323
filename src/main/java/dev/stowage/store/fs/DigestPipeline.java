package dev.stowage.store.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes a large body's MD5 on another thread while the writer goes on receiving and writing: buffers are
 * handed over in order, digested one after another, and given back for refilling once digested. MD5 cannot be
 * split within one stream and costs about a nanosecond a byte (about 950 MB/s on our 2-core machine), as much
 * as receiving, checking and writing the same bytes; overlapped, a large PUT's bytes pass in about half the time
 * when a core is free. The digesting threads are platform threads, so a long digest never holds up the virtual
 * threads that serve other requests.
 */
final class DigestPipeline {
    /** Shared by all writers: one thread a core at most, none while idle. */
    private static final ThreadPoolExecutor DIGESTERS = digesters();
    /** How long {@link #nextBuffer} waits between checks that the digest has not failed. */
    private static final long FAILURE_CHECK_MILLIS = 100;

    private final MessageDigest digest;
    private final Executor executor;
    private final BlockingQueue<byte[]> free;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /** A pipeline on the shared digesting threads, with {@code spares} buffers of {@code size} besides the caller's. */
    DigestPipeline(MessageDigest digest, int size, int spares) {
        this(digest, DIGESTERS, size, spares);
    }

    DigestPipeline(MessageDigest digest, Executor executor, int size, int spares) {
        this.digest = digest;
        this.executor = executor;
        this.free = new ArrayBlockingQueue<>(spares + 1);
        for (int i = 0; i < spares; i++) {
            free.add(new byte[size]);
        }
    }

    /**
     * Digests {@code buf[0, n)} after everything handed over before it; the caller may go on reading {@code buf}
     * (to write it) but must not change it: it comes back from {@link #nextBuffer} once digested.
     */
    void digest(byte[] buf, int n) {
        tail = tail.thenRunAsync(() -> {
            digest.update(buf, 0, n);
            free.add(buf);
        }, executor);
    }

    /** A buffer to fill next; waits while every buffer is still to be digested. */
    byte[] nextBuffer() throws IOException {
        try {
            while (true) {
                byte[] buf = free.poll(FAILURE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (buf != null) {
                    return buf;
                }
                if (tail.isCompletedExceptionally()) {
                    finish(); // throws the failure
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the body's digest");
        }
    }

    /** The digest of everything handed over, once all of it is digested. */
    byte[] finish() throws IOException {
        try {
            tail.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the body's digest");
        } catch (ExecutionException e) {
            throw new IOException("the body's digest failed", e.getCause());
        }
        return digest.digest();
    }

    private static ThreadPoolExecutor digesters() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "stowage-digest-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
