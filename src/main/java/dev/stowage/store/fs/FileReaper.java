package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Unlinks files that are already out of view (renamed into this instance's temp directory) off the request path,
 * and removes such directories ({@link #discardTree}: a completed or aborted upload's parts).
 * Freeing a file's blocks is what makes an unlink slow: on ext4 mounted with {@code discard} an unlink of a 4 KiB
 * object takes about 85 µs here, while the rename that takes the object out of its bucket takes about 15 µs. A
 * delete therefore renames under its key lock, answers, and leaves the unlink to this one daemon thread. Nothing
 * here is needed for correctness: a file not yet reaped when the process crashes goes with its instance
 * directory, which the next start (of any instance) removes.
 *
 * <p>While the {@link SpareFiles} pool has room, the reaper empties files instead of unlinking them and hands
 * them to the pool for new writes to reuse, but only once the {@link ReadGuard} says that no read which might
 * have opened them is still going on, only for files with no other name (a hard link of a large GET or of a
 * replaced object keeps its bytes), and only while this instance is the only one using the data directory
 * ({@code mayReuse}): a reader in another process cannot be seen.
 */
final class FileReaper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileReaper.class);
    /** Beyond this backlog callers unlink themselves, so a burst of deletes cannot grow memory without bound. */
    private static final int MAX_BACKLOG = 65_536;
    /** How long a batch waits for reads begun before it to end before its files are unlinked instead of reused. */
    private static final long QUIESCE_MILLIS = 100;

    private final BlockingQueue<Path> doomed = new ArrayBlockingQueue<>(MAX_BACKLOG);
    /** The queued directories (a completed or aborted upload's parts): removed with everything in them. */
    private final Set<Path> trees = ConcurrentHashMap.newKeySet();
    private final Thread worker;
    private final Object idle = new Object();
    /** Files handed over and not yet unlinked; guarded by {@link #idle}. */
    private long pending;
    private volatile boolean closing;
    private final ReadGuard guard;
    private final SpareFiles spares;
    private final BooleanSupplier mayReuse;

    FileReaper(String name, ReadGuard guard, SpareFiles spares, BooleanSupplier mayReuse) {
        this(name, guard, spares, mayReuse, true);
    }

    /** {@code start} false: no worker, files wait in the queue until {@link #close} (for tests). */
    FileReaper(String name, ReadGuard guard, SpareFiles spares, BooleanSupplier mayReuse, boolean start) {
        this.guard = guard;
        this.spares = spares;
        this.mayReuse = mayReuse;
        this.worker = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        if (start) {
            worker.start();
        }
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
     * Removes the directory {@code dir} and everything in it soon (now, on the caller's thread, when the backlog is
     * full or the reaper closed). A completed upload's 16 part files of 16 MiB took about 110 ms to unlink here,
     * which its CompleteMultipartUpload answer no longer waits for.
     */
    void discardTree(Path dir) {
        trees.add(dir);
        synchronized (idle) {
            if (!closing && doomed.offer(dir)) {
                pending++;
                return;
            }
        }
        trees.remove(dir);
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) { // out of view already; goes with this instance's temp directory
            LOG.warnf("Could not remove %s: %s", dir, e);
        }
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

    private void reap(Path file, boolean reuse) {
        try {
            if (trees.remove(file)) {
                deleteTree(file);
            } else if (!(reuse && spares.hasRoom() && empty(file) && spares.offer(file))) {
                DurableFiles.deleteQuietly(file);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove a deleted object's file: %s", e);
        } finally {
            synchronized (idle) {
                pending--;
                idle.notifyAll();
            }
        }
    }

    /** Truncates {@code file} to nothing if it has no other name; false (left as it is) otherwise. */
    private static boolean empty(Path file) {
        try {
            if (((Number) Files.getAttribute(file, "unix:nlink")).intValue() != 1) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            return true;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
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
                batch.add(first);
                doomed.drainTo(batch, 255);
                // every file of the batch was out of view before it was queued: once the reads begun
                // before now have ended, nobody holds them open
                boolean reuse = spares.hasRoom() && mayReuse.getAsBoolean()
                        && guard.quiesce(QUIESCE_MILLIS);
                for (Path file : batch) {
                    reap(file, reuse);
                }
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /**
     * Stops the worker and empties or unlinks what is still queued, as the worker would have: after a burst of
     * deletes the queue can hold tens of thousands of files, and emptied they are spares the next instance takes
     * over instead of inodes freed all at once (an unlink costs about what emptying does).
     */
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
        // the worker has stopped, so this is now the guard's one quiescing thread
        boolean reuse = !doomed.isEmpty() && !worker.isAlive() && spares.hasRoom() && mayReuse.getAsBoolean()
                && guard.quiesce(QUIESCE_MILLIS);
        for (Path p = doomed.poll(); p != null; p = doomed.poll()) {
            reap(p, reuse);
        }
    }
}
