package dev.stowage.store.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * This process's temp directory {@code tmp/<id>/}, on the data's filesystem so renames out of it are atomic.
 * The owner holds an exclusive lock on {@code tmp/<id>.lock} while it lives. At start-up every other
 * instance's directory whose lock can be taken (its owner is dead) is removed, so a crash leaves nothing
 * behind for long, while several processes sharing a data directory keep their live temp files.
 *
 * <p>A clean stop may hand its {@link SpareFiles} on: it removes every other file, renames the directory to
 * {@code tmp/spares-<id>/} and drops its lock. The next instance to start takes such a directory over as its own
 * (one rename) instead of creating one, and its files become that instance's spares. Unlinking them instead
 * would free up to 65,536 inodes at once, and on ext4 without a journal every file created in the next minutes
 * would walk them (see {@link SpareFiles}): the first 50,000 small PUTs after a restart ran at 1,300–2,700/s
 * instead of 6,000–6,600/s.
 */
final class InstanceTempDir implements Closeable {
    private static final Logger LOG = Logger.getLogger(InstanceTempDir.class);
    private static final String LOCK_SUFFIX = ".lock";
    /** Names a stopped instance's directory of spare files, left for the next instance to take over. */
    static final String SPARES_PREFIX = "spares-";
    /**
     * Instances alive in this JVM. Their lock files are never opened by a sibling: closing any descriptor of
     * a file drops the whole process's POSIX lock on it.
     */
    private static final Set<String> LIVE_HERE = ConcurrentHashMap.newKeySet();

    private final String id;
    private final Path dir;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final AtomicLong counter;
    /** The files of a stopped instance's spares directory taken over at start; handed out once. */
    private List<Path> adopted;

    private InstanceTempDir(String id, Path dir, Path lockFile, FileChannel lockChannel, FileLock lock,
            List<Path> adopted) {
        this.id = id;
        this.dir = dir;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.adopted = adopted;
        this.counter = new AtomicLong(highestSuffix(adopted));
    }

    /** Claims a new instance directory under {@code tmpRoot} and removes those of dead instances. */
    static InstanceTempDir open(Path tmpRoot) throws IOException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        LIVE_HERE.add(id);
        Path lockFile = tmpRoot.resolve(id + LOCK_SUFFIX);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock new instance file " + lockFile);
            }
            Path dir = tmpRoot.resolve(id);
            List<Path> adopted = takeOverSpares(tmpRoot, dir);
            if (adopted == null) {
                Files.createDirectory(dir);
                adopted = List.of();
            }
            InstanceTempDir instance = new InstanceTempDir(id, dir, lockFile, channel, lock, adopted);
            removeDead(tmpRoot);
            return instance;
        } catch (IOException | RuntimeException e) {
            LIVE_HERE.remove(id);
            if (channel != null) {
                channel.close();
            }
            DurableFiles.deleteQuietly(lockFile);
            throw e;
        }
    }

    /**
     * Renames the first stopped instance's spares directory that no other starting instance takes first to
     * {@code dir}; its files, or null when there is none. Runs after this instance's lock file exists, as every
     * owner makes its lock file before its directory.
     */
    private static List<Path> takeOverSpares(Path tmpRoot, Path dir) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpRoot, SPARES_PREFIX + "*")) {
            entries.forEach(candidates::add);
        }
        for (Path candidate : candidates) {
            if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.move(candidate, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue; // another instance took it
            }
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                entries.forEach(files::add);
            }
            LOG.infof("Took over %d spare files of a stopped instance (%s)", files.size(), candidate.getFileName());
            return files;
        }
        return null;
    }

    /** The largest number ending a name {@code <purpose>-<n>} among {@code files}, so fresh names differ. */
    private static long highestSuffix(List<Path> files) {
        long highest = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            int dash = name.lastIndexOf('-');
            try {
                highest = Math.max(highest, Long.parseLong(name.substring(dash + 1)));
            } catch (NumberFormatException e) {
                // not a name this class makes: cannot collide with one
            }
        }
        return highest;
    }

    /** The files of a stopped instance's spares taken over at start (once; empty afterwards). */
    List<Path> takeAdopted() {
        List<Path> files = adopted;
        adopted = List.of();
        return files;
    }

    /** A fresh path in this instance's directory (not created). */
    Path newPath(String purpose) {
        return dir.resolve(purpose + "-" + counter.incrementAndGet());
    }

    String id() {
        return id;
    }

    /**
     * Whether the instance {@code instanceId} (this one or another process sharing the data directory) still
     * runs: it is this process's, or its lock file exists and is locked.
     */
    boolean isRunning(String instanceId) throws IOException {
        if (LIVE_HERE.contains(instanceId)) {
            return true;
        }
        Path lockFile = dir.getParent().resolve(instanceId + LOCK_SUFFIX);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (channel) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return true; // held within this JVM
            }
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        }
    }

    Path directory() {
        return dir;
    }

    /**
     * Whether this is the only instance using the data directory: no other instance's lock file, of a live
     * process or of a dead one not yet cleaned up, is there (a process sharing the directory may read any file).
     */
    boolean alone() {
        String own = lockFile.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.getParent(), "*" + LOCK_SUFFIX)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(own)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void removeDead(Path tmpRoot) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(LOCK_SUFFIX)) {
                    String owner = name.substring(0, name.length() - LOCK_SUFFIX.length());
                    if (!LIVE_HERE.contains(owner)) {
                        removeIfDead(tmpRoot, owner, entry);
                    }
                } else if (!LIVE_HERE.contains(name) && !name.startsWith(SPARES_PREFIX)
                        && Files.notExists(tmpRoot.resolve(name + LOCK_SUFFIX))) {
                    // an owner makes its lock file before its directory: no lock file means a dead owner
                    // whose cleanup was itself interrupted
                    FileTrees.deleteRecursively(entry);
                }
            }
        }
    }

    private static void removeIfDead(Path tmpRoot, String owner, Path lockFile) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return;
        }
        try (channel) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return;
            }
            if (lock == null) {
                return; // its owner lives
            }
            LOG.infof("Removing temp files of dead instance %s", owner);
            FileTrees.deleteRecursively(tmpRoot.resolve(owner));
            Files.deleteIfExists(lockFile);
        }
    }

    /** Removes this instance's directory and lock file, then releases the lock. */
    @Override
    public void close() throws IOException {
        close(Set.of());
    }

    /**
     * Removes every file of this instance's directory but {@code spares}; when there are any, renames the
     * directory to {@code spares-<id>} for the next instance to take over. Then removes the lock file and
     * releases the lock.
     */
    void close(Set<Path> spares) throws IOException {
        try {
            if (spares.isEmpty()) {
                FileTrees.deleteRecursively(dir);
            } else {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        if (!spares.contains(entry)) {
                            FileTrees.deleteRecursively(entry);
                        }
                    }
                }
                Files.move(dir, dir.resolveSibling(SPARES_PREFIX + id), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(lockFile);
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
                LIVE_HERE.remove(id);
            }
        }
    }
}
