package dev.stowage.usage;

import dev.stowage.store.fs.DurableFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * This gateway instance's service id: 16 digits, all decimal and below 2^53, so the same id reads right as the
 * 16 hex digits of a usage object's name and as the bare JSON number of its {@code service_id}.
 *
 * <p>Kept in {@code <usage>/instances/<instance name>/service-id} and claimed in {@code <usage>/service-ids/<id>}
 * (created exclusively, so replicas sharing the data directory never get the same id). The instance directory is
 * locked while the instance lives: a second live process with the same instance name (two gateways on one host)
 * takes {@code <name>-1}, {@code <name>-2}, ... instead, with ids of their own. The same instance name after a
 * restart finds its id again.
 */
public final class ServiceId implements Closeable {
    /** What this gateway makes and accepts: 16 decimal digits (a usage object's name admits hex digits too). */
    static final Pattern FORMAT = Pattern.compile("[1-9][0-9]{15}");
    private static final long MIN = 1_000_000_000_000_000L;
    /** 2^53: larger ids would lose digits as JSON numbers in most readers. */
    private static final long LIMIT = 1L << 53;
    private static final String ID_FILE = "service-id";
    private static final String LOCK_FILE = "lock";
    private static final int MAX_SUFFIX = 1000;
    /** Instance directories locked in this JVM (a second channel on a locked file would drop the lock). */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private final String id;
    private final String instance;
    private final Path dir;
    private final FileChannel lockChannel;

    private ServiceId(String id, String instance, Path dir, FileChannel lockChannel) {
        this.id = id;
        this.instance = instance;
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    /** The id of instance {@code name} (or of the first free {@code name-N}) under {@code usageDir}. */
    public static ServiceId open(Path usageDir, String name) throws IOException {
        String base = sanitize(name);
        Path instances = usageDir.resolve("instances");
        Files.createDirectories(instances);
        Files.createDirectories(usageDir.resolve("service-ids"));
        for (int n = 0; n <= MAX_SUFFIX; n++) {
            String instance = n == 0 ? base : base + "-" + n;
            Path dir = instances.resolve(instance);
            Files.createDirectories(dir);
            FileChannel lock = tryLock(dir);
            if (lock == null) {
                continue;
            }
            try {
                return new ServiceId(idOf(usageDir, dir, instance), instance, dir, lock);
            } catch (IOException | RuntimeException e) {
                release(dir, lock);
                throw e;
            }
        }
        throw new IOException("no free instance name of " + base + " under " + instances);
    }

    /**
     * Claims the ids of instances no live process holds (a replica that died and came back under another name, as
     * a Kubernetes Deployment's pod does), so that their leftovers (an open period's checkpoint, pending metering
     * rows) can be finished by a live instance. Each returned id is locked until {@link #close}d, so one live
     * instance at a time finishes it; an instance starting under that name meanwhile takes {@code <name>-1}.
     */
    public static List<ServiceId> claimOrphans(Path usageDir) throws IOException {
        List<ServiceId> orphans = new ArrayList<>();
        Path instances = usageDir.resolve("instances");
        if (!Files.isDirectory(instances)) {
            return orphans;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(instances)) {
            for (Path dir : dirs) {
                Path file = dir.resolve(ID_FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                FileChannel lock = tryLock(dir);
                if (lock == null) {
                    continue; // alive (here or in another process)
                }
                String id;
                try {
                    id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                } catch (IOException e) {
                    release(dir, lock);
                    continue;
                }
                if (FORMAT.matcher(id).matches() && Long.parseLong(id) < LIMIT) {
                    orphans.add(new ServiceId(id, dir.getFileName().toString(), dir, lock));
                } else {
                    release(dir, lock);
                }
            }
        }
        return orphans;
    }

    public String id() {
        return id;
    }

    /** The instance name this id belongs to (the configured or host name, maybe with a suffix). */
    public String instance() {
        return instance;
    }

    private static String sanitize(String name) {
        String clean = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty() || clean.startsWith(".")) {
            clean = "gateway" + clean;
        }
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }

    private static FileChannel tryLock(Path dir) throws IOException {
        if (!LOCKED_HERE.add(dir)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                LOCKED_HERE.remove(dir);
                return null;
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            LOCKED_HERE.remove(dir);
            throw e;
        }
    }

    private static String idOf(Path usageDir, Path dir, String instance) throws IOException {
        Path file = dir.resolve(ID_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (FORMAT.matcher(id).matches() && Long.parseLong(id) < LIMIT) {
                return id;
            }
        }
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; ; attempt++) {
            String id = Long.toString(MIN + Math.floorMod(random.nextLong(), LIMIT - MIN));
            try {
                Files.writeString(usageDir.resolve("service-ids").resolve(id), instance + "\n",
                        StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
                continue;
            }
            byte[] bytes = (id + "\n").getBytes(StandardCharsets.US_ASCII);
            Path temp = dir.resolve(ID_FILE + ".new");
            Files.deleteIfExists(temp); // left by a crash; the instance is ours (locked)
            DurableFiles.replace(temp, file, dir, channel -> {
                channel.write(ByteBuffer.wrap(bytes));
                return null;
            });
            return id;
        }
    }

    private static void release(Path dir, FileChannel lock) throws IOException {
        try {
            lock.close();
        } finally {
            LOCKED_HERE.remove(dir);
        }
    }

    /** Releases the instance name for the next start. */
    @Override
    public void close() throws IOException {
        release(dir, lockChannel);
    }
}
