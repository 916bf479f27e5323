package dev.stowage.store.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Unlinks files that are already out of view (renamed into this instance's temp directory) off the request path.
 * Freeing a file's blocks is what makes an unlink slow: on ext4 mounted with {@code discard} an unlink of a 4 KiB
 * object takes about 85 µs here, while the rename that takes the object out of its bucket takes about 15 µs. A
 * delete therefore renames under its key lock, answers, and leaves the unlink to this one daemon thread. Nothing
 * here is needed for correctness: a file not yet reaped when the process stops goes with its instance directory,
 * which the next start (of any instance) removes.
 */
final class FileReaper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileReaper.class);
    /** Beyond this backlog callers unlink themselves, so a burst of deletes cannot grow memory without bound. */
    private static final int MAX_BACKLOG = 65_536;

    private final BlockingQueue<Path> doomed = new ArrayBlockingQueue<>(MAX_BACKLOG);
    private final Thread worker;
    private final Object idle = new Object();
    /** Files handed over and not yet unlinked; guarded by {@link #idle}. */
    private long pending;
    private volatile boolean closing;

    FileReaper(String name) {
        this.worker = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        worker.start();
    }

    /** Unlinks {@code file} soon (now, on the caller's thread, when the backlog is full or the reaper closed). */
    void discard(Path file) {
        synchronized (idle) {
            if (!closing && doomed.offer(file)) {
                pending++;
                return;
            }
        }
        DurableFiles.deleteQuietly(file);
    }

    /**
     * Waits until every file handed over so far is unlinked, for at most {@code timeoutMillis}; true when none is left.
     * Only tests and shutdown need to know: requests never wait for the reaper.
     */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    private void reap(Path file) {
        try {
            DurableFiles.deleteQuietly(file);
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove a deleted object's file: %s", e);
        } finally {
            synchronized (idle) {
                pending--;
                idle.notifyAll();
            }
        }
    }

    private void run() {
        List<Path> batch = new ArrayList<>();
        while (!closing) {
            try {
                Path first = doomed.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                reap(first);
                doomed.drainTo(batch, 256);
                batch.forEach(this::reap);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** Stops the worker and unlinks what is still queued. */
    @Override
    public void close() {
        synchronized (idle) {
            closing = true;
        }
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Path p = doomed.poll(); p != null; p = doomed.poll()) {
            reap(p);
        }
    }
}
