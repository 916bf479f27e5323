package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of directory fsyncs. A writer that has renamed a file into a directory needs an fsync of that
 * directory that starts after its rename; when many writers rename into the same directory at once, one fsync
 * started after all their renames serves them all. Each caller queues its request; whoever finds no fsync running
 * takes the whole queue and forces each directory in it once, while later callers queue for the next round. A
 * request is answered only by a round that took it from the queue, so by an fsync begun after it was made.
 * Directories are spread over a few stripes so that unrelated directories do not wait for each other.
 */
final class DirectorySyncs {
    private static final int STRIPES = 16;
    private static final Stripe[] STRIPE = new Stripe[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            STRIPE[i] = new Stripe();
        }
    }

    /** Forces one directory to disk; throws what the fsync threw. */
    @FunctionalInterface
    interface Force {
        void force(Path dir) throws IOException;
    }

    private DirectorySyncs() {}

    /** Returns once an fsync of {@code dir} begun after this call has finished; throws its failure. */
    static void sync(Path dir, Force force) throws IOException {
        STRIPE[Math.floorMod(dir.hashCode(), STRIPES)].sync(dir, force);
    }

    private static final class Request {
        final Path dir;
        boolean done;
        IOException failure;

        Request(Path dir) {
            this.dir = dir;
        }
    }

    private static final class Stripe {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition finished = lock.newCondition();
        private List<Request> queue = new ArrayList<>();
        private boolean running;

        void sync(Path dir, Force force) throws IOException {
            Request mine = new Request(dir);
            lock.lock();
            try {
                queue.add(mine);
                while (!mine.done) {
                    if (running) {
                        finished.awaitUninterruptibly();
                        continue;
                    }
                    running = true;
                    List<Request> round = queue;
                    queue = new ArrayList<>();
                    lock.unlock();
                    try {
                        forceAll(round, force);
                    } finally {
                        lock.lock();
                        running = false;
                        finished.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
            if (mine.failure != null) {
                throw mine.failure;
            }
        }

        /** Forces each distinct directory of the round once and answers its requests; never throws. */
        private static void forceAll(List<Request> round, Force force) {
            Map<Path, List<Request>> byDir = new LinkedHashMap<>();
            for (Request r : round) {
                byDir.computeIfAbsent(r.dir, d -> new ArrayList<>(1)).add(r);
            }
            for (Map.Entry<Path, List<Request>> e : byDir.entrySet()) {
                IOException failure = null;
                try {
                    force.force(e.getKey());
                } catch (IOException ex) {
                    failure = ex;
                } catch (RuntimeException | Error ex) {
                    failure = new IOException("fsync of " + e.getKey() + " failed", ex);
                }
                for (Request r : e.getValue()) {
                    r.failure = failure;
                    r.done = true;
                }
            }
        }
    }
}
