package dev.stowage.usage;

import dev.stowage.store.fs.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's own storage for usage statistics, under {@code <data-dir>/usage/}, apart from the buckets (so no
 * customer listing ever shows it) and shared by every replica on the data directory:
 *
 * <pre>
 * objects/&lt;usage object name&gt;     the usage objects, JSON as served by ?ostor-usage&amp;obj=NAME
 * deleted/&lt;usage object name&gt;     tombstones of deleted ones (empty; kept 30 days), so a checkpoint recovered
 *                                  late never brings a collected and deleted period back
 * open/&lt;service id&gt;               the checkpoint of an instance's open period
 * storage/&lt;service id&gt;            an instance's storage accounting (bytes, objects, hmax, integral per bucket)
 * storage-history/&lt;name&gt;          per-period storage snapshots, s3-storage-&lt;service id&gt;-&lt;start&gt;-&lt;period&gt;
 * metering-pending/&lt;id&gt;-&lt;start&gt;   a closed period's metering rows not yet in the database ({@link MeteringBatch})
 * instances/, service-ids/         service ids (see {@link ServiceId})
 * tmp/&lt;service id&gt;-N              files being written, renamed into place when complete
 * </pre>
 *
 * Every write is a temp file, fsync, atomic rename, directory fsync ({@link DurableFiles}).
 */
public final class UsageFiles {
    static final Duration TOMBSTONE_LIFETIME = Duration.ofDays(30);

    private final Path root;
    private final Path objects;
    private final Path deleted;
    private final Path open;
    private final Path storage;
    private final Path history;
    private final Path pending;
    private final Path tmp;
    private final String tempPrefix;
    private final AtomicLong counter = new AtomicLong();

    UsageFiles(Path usageDir, String serviceId) throws IOException {
        this.root = usageDir;
        this.objects = usageDir.resolve("objects");
        this.deleted = usageDir.resolve("deleted");
        this.open = usageDir.resolve("open");
        this.storage = usageDir.resolve("storage");
        this.history = usageDir.resolve("storage-history");
        this.pending = usageDir.resolve("metering-pending");
        this.tmp = usageDir.resolve("tmp");
        this.tempPrefix = serviceId + "-";
        for (Path dir : List.of(objects, deleted, open, storage, history, pending, tmp)) {
            Files.createDirectories(dir);
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp, tempPrefix + "*")) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p); // of this instance's previous life
            }
        }
    }

    /** The usage objects' directory of a data directory, for readers that are not an instance. */
    static Path objectsDir(Path usageDir) {
        return usageDir.resolve("objects");
    }

    // ---- usage objects -------------------------------------------------------------------------------

    /** Writes a usage object durably (replacing one of the same name, which holds the same counts). */
    void writeObject(UsageName name, byte[] json) throws IOException {
        write(objects.resolve(name.toString()), json);
    }

    /** Whether the object exists or was deleted (within the tombstones' lifetime). */
    boolean writtenBefore(UsageName name) {
        return Files.exists(objects.resolve(name.toString())) || Files.exists(deleted.resolve(name.toString()));
    }

    /** Every usage object's name, oldest first. */
    public List<UsageName> list() throws IOException {
        List<UsageName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(objects)) {
            for (Path p : entries) {
                UsageName.parse(p.getFileName().toString()).ifPresent(names::add);
            }
        }
        names.sort(UsageName.OLDEST_FIRST);
        return names;
    }

    /** A usage object's JSON, if it exists. */
    public Optional<byte[]> read(UsageName name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(objects.resolve(name.toString())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes a usage object, leaving a tombstone; false when there was none. */
    public boolean delete(UsageName name) throws IOException {
        Path object = objects.resolve(name.toString());
        if (!Files.exists(object)) {
            return false;
        }
        write(deleted.resolve(name.toString()), new byte[0]);
        return DurableFiles.delete(object, true);
    }

    /** Removes tombstones older than their lifetime. */
    void pruneTombstones(Instant now) throws IOException {
        Instant cutoff = now.minus(TOMBSTONE_LIFETIME);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(deleted)) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // ---- metering rows not yet in the database --------------------------------------------------------

    /** Keeps a batch durably until the database has it (replacing a pending batch of the same period). */
    void writePending(MeteringBatch batch) throws IOException {
        write(pending.resolve(batch.fileName()), batch.encode());
    }

    /** The pending file of a batch. */
    Path pendingFile(String serviceId, long periodStart) {
        return pending.resolve(MeteringBatch.fileName(serviceId, periodStart));
    }

    /** Whether a batch of that period is pending. */
    boolean pendingExists(String serviceId, long periodStart) {
        return Files.exists(pendingFile(serviceId, periodStart));
    }

    /** The pending batches' files of one service id, oldest first. */
    List<Path> pending(String serviceId) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pending, serviceId + "-*")) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    // ---- checkpoints and storage state ---------------------------------------------------------------

    Path checkpointFile(String serviceId) {
        return open.resolve(serviceId);
    }

    Path storageFile(String serviceId) {
        return storage.resolve(serviceId);
    }

    Path historyFile(String name) {
        return history.resolve(name);
    }

    /** The content of a state file, if it exists. */
    static Optional<String> readText(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces {@code target} (below the usage directory) with {@code bytes}, durably and atomically. */
    void write(Path target, byte[] bytes) throws IOException {
        Path temp = tmp.resolve(tempPrefix + counter.incrementAndGet());
        DurableFiles.replace(temp, target, root, channel -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            return null;
        });
    }

    /** Deletes a state file durably. */
    static void remove(Path file) throws IOException {
        DurableFiles.delete(file, true);
    }
}
