package dev.stowage.accounts.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The server a killed gateway may have left running on its cluster directory. While a gateway runs, it holds the
 * directory's {@code epg-lock}; a free lock with a live postmaster means the owner is dead, so its server is
 * stopped (SIGTERM, then SIGKILL after a minute) before a new one starts.
 */
final class LeftoverPostmaster {
    static final String PID_FILE = "postmaster.pid";
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {}

    /** The postmaster's pid as its pid file says, if there is one. */
    static Optional<Long> pid(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(PID_FILE));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes sure no dead gateway's server runs on {@code dir}.
     *
     * @throws IllegalStateException when a live process holds the directory
     */
    static void clear(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(PID_FILE))) {
            return;
        }
        requireUnlocked(dir);
        Optional<ProcessHandle> postmaster = pid(dir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself starts over it
        }
        ProcessHandle p = postmaster.get();
        boolean isPostgres = p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
        if (!isPostgres) {
            // the pid was reused by another program (after a reboot); PostgreSQL would refuse to start
            LOG.infof("Removing the stale %s of %s (pid %d is not PostgreSQL)", PID_FILE, dir, p.pid());
            Files.deleteIfExists(dir.resolve(PID_FILE));
            return;
        }
        LOG.warnf("Stopping the PostgreSQL (pid %d) that a stopped gateway left running on %s", p.pid(), dir);
        p.destroy();
        if (!waitForExit(p, STOP_WAIT)) {
            p.destroyForcibly();
            waitForExit(p, STOP_WAIT);
        }
    }

    private static void requireUnlocked(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(dir + " is in use by another running gateway");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(dir + " is in use by this process already", e);
        }
    }

    static boolean waitForExit(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
