package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts writing a large file's bytes to disk while the rest is still arriving: after every {@link #STEP} bytes
 * an fdatasync runs on its own virtual thread (one at a time), so the final fsync that makes the file durable
 * finds little left to write. It changes no guarantee: durability still comes from that final fsync alone.
 * {@link #close} waits for a running flush, so the file is never closed under it.
 */
final class EarlyFlush implements AutoCloseable {
    static final long STEP = 8L << 20;
    private static final ExecutorService FLUSHERS = Executors.newVirtualThreadPerTaskExecutor();

    private final FileChannel channel;
    private long unflushed;
    private Future<?> running;

    EarlyFlush(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts {@code bytes} just written; starts a flush when enough have gathered and none is running. */
    void written(long bytes) {
        unflushed += bytes;
        if (unflushed < STEP || (running != null && !running.isDone())) {
            return;
        }
        unflushed = 0;
        running = FLUSHERS.submit(() -> {
            channel.force(false);
            return null;
        });
    }

    /**
     * Waits for the flush in progress, if any, and throws its failure: a failed fdatasync's error is reported
     * once per open file, so the final fsync might not see it again.
     */
    @Override
    public void close() throws IOException {
        if (running == null) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    running.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("flushing the file failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
