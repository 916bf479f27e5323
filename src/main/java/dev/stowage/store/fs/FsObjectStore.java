package dev.stowage.store.fs;

import dev.stowage.store.BucketAlreadyExistsException;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.BucketNotEmptyException;
import dev.stowage.store.CompletedPart;
import dev.stowage.store.EntityTooSmallException;
import dev.stowage.store.InvalidPartException;
import dev.stowage.store.InvalidPartOrderException;
import dev.stowage.store.ListPage;
import dev.stowage.store.ListQuery;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.NoSuchBucketException;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.StorageListener;
import dev.stowage.store.StoredTotals;
import dev.stowage.store.PartInfo;
import dev.stowage.store.PreconditionFailedException;
import dev.stowage.store.WriteCondition;
import dev.stowage.store.PartPage;
import dev.stowage.store.UploadPage;
import dev.stowage.store.UploadQuery;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The object store on a local filesystem: one file per object (header then bytes) in a directory tree that
 * mirrors the key's '/' segments, written through {@link DurableFiles}. See {@link DataLayout} for the layout,
 * {@link KeyPaths} for how keys become paths and {@link KeyLister} for listings.
 */
public final class FsObjectStore implements ObjectStore, Closeable {
    private static final Logger LOG = Logger.getLogger(FsObjectStore.class);
    /** How long this process trusts its cached bucket facts before a cheap re-check. */
    private static final Duration BUCKET_TRUST = Duration.ofSeconds(1);
    /** Directories with fewer entries are read each time they are listed. */
    private static final int LISTING_MIN_KEPT = 512;
    /** Directory entries kept in memory over all directories, for listings of large quiet directories. */
    private static final int LISTING_MAX_KEPT = 200_000;
    /** Directories whose "holds an object" is kept (delimiter listings, DeleteBucket; a path and two small values each). */
    private static final int PRESENCE_MAX_KEPT = 100_000;
    /** How often an attribute update starts over when the object is overwritten under it. */
    private static final int UPDATE_ATTEMPTS = 8;
    /** Objects this large are opened through a hard link, so that they can be sent without copying. */
    private static final long LINKED_READ_MIN = 1L << 20;
    /** Said by {@link #keepReplaced} when the replaced object was kept aside for its size to be read later. */
    private static final long KEPT = Long.MIN_VALUE;
    /**
     * Most emptied files kept for reuse ({@link SpareFiles}): an inode each, no blocks, a path in memory (roughly
     * 200 bytes). As large as the reaper's backlog, so that a burst of deletes that size leaves a spare for
     * every later create: with 16,384, the 50,000 PUTs after 50,000 deletes ran at 2,300–2,800/s (each create past
     * the spares walks the inodes freed in the last minute), with 65,536 at 6,300–6,500/s.
     */
    private static final int SPARE_FILES_MAX = 65_536;

    private static final byte[] HEALTH_PROBE = {'\n'};
    /** An upload claimed for completion is renamed to {@code <id>.completing.<instance id>}. */
    private static final String CLAIM_INFIX = ".completing.";

    private final DataLayout layout;
    private final Clock clock;
    private final InstanceTempDir temp;
    private final BucketCache buckets;
    private final BucketLocks locks = new BucketLocks();
    /** Reads of object files, so that a deleted file is reused only once nobody can be reading it. */
    private final ReadGuard readGuard = new ReadGuard();
    private final ObjectFiles files = new ObjectFiles(readGuard);
    /** Emptied files of deleted and replaced objects that new writes take instead of creating files. */
    private final SpareFiles spares = new SpareFiles(SPARE_FILES_MAX);
    private final UploadFiles uploads;
    private final RecentCompletions recentlyCompleted = new RecentCompletions();
    private final DirectoryListings listings = new DirectoryListings(LISTING_MIN_KEPT, LISTING_MAX_KEPT);
    private final ObjectPresence presence = new ObjectPresence(PRESENCE_MAX_KEPT);
    private final boolean syncDeletes;
    /** Unlinks removed and replaced object files (or keeps them as spares) once their request is answered. */
    private final FileReaper reaper;
    /** Storage accounting: told of every object created, replaced or deleted, with the sizes involved. */
    private final StorageListener listener;

    public FsObjectStore(Path dataRoot, Clock clock) throws IOException {
        this(dataRoot, clock, true);
    }

    /**
     * @param syncDeletes whether a delete fsyncs the object's directory before returning; when false the
     *     filesystem's journal makes it durable shortly after (a crash in between brings the object back whole)
     */
    public FsObjectStore(Path dataRoot, Clock clock, boolean syncDeletes) throws IOException {
        this(dataRoot, clock, BUCKET_TRUST, syncDeletes);
    }

    FsObjectStore(Path dataRoot, Clock clock, Duration bucketTrust) throws IOException {
        this(dataRoot, clock, bucketTrust, true);
    }

    FsObjectStore(Path dataRoot, Clock clock, Duration bucketTrust, boolean syncDeletes) throws IOException {
        this(dataRoot, clock, bucketTrust, syncDeletes, StorageListener.NONE);
    }

    /** As {@link #FsObjectStore(Path, Clock, boolean)}, telling {@code listener} of every object change. */
    public FsObjectStore(Path dataRoot, Clock clock, boolean syncDeletes, StorageListener listener)
            throws IOException {
        this(dataRoot, clock, BUCKET_TRUST, syncDeletes, listener);
    }

    FsObjectStore(Path dataRoot, Clock clock, Duration bucketTrust, boolean syncDeletes, StorageListener listener)
            throws IOException {
        this.layout = new DataLayout(dataRoot);
        this.uploads = new UploadFiles(layout, files);
        this.clock = clock;
        this.syncDeletes = syncDeletes;
        this.listener = listener;
        Files.createDirectories(layout.bucketsDir());
        Files.createDirectories(layout.tmpDir());
        this.temp = InstanceTempDir.open(layout.tmpDir());
        for (Path spare : temp.takeAdopted()) {
            if (!spares.offer(spare)) {
                DurableFiles.deleteQuietly(spare);
            }
        }
        this.reaper = new FileReaper("stowage-file-reaper", readGuard, spares, temp::alone);
        this.buckets = new BucketCache(layout, bucketTrust.toNanos());
        restoreAbandonedClaims();
    }

    @Override
    public BucketInfo createBucket(String bucket, String ownerId, String location, Map<String, String> settings)
            throws IOException {
        Path target = layout.bucketDir(bucket);
        if (Files.exists(target)) {
            throw alreadyExists(bucket);
        }
        BucketInfo info = new BucketInfo(bucket, ownerId, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                newEpoch(), location, settings);
        Path staging = temp.newPath("bucket");
        try {
            Files.createDirectory(staging);
            Files.createDirectory(staging.resolve(DataLayout.OBJECTS));
            byte[] json = BucketFile.encode(info);
            // forces the staging directory, so objects/ is durable too
            DurableFiles.replace(temp.newPath("bucket-json"), staging.resolve(DataLayout.BUCKET_FILE), staging,
                    channel -> writeAll(channel, json));
            DurableFiles.moveDirectory(staging, target);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(staging);
            if (e instanceof FileSystemException && Files.exists(target)) { // lost a race with another create
                throw alreadyExists(bucket);
            }
            throw e;
        }
        buckets.created(info);
        return info;
    }

    private BucketAlreadyExistsException alreadyExists(String bucket) {
        BucketInfo existing;
        try {
            existing = BucketCache.read(layout.bucketFile(bucket));
        } catch (IOException | RuntimeException e) {
            existing = null; // being created or deleted right now
        }
        return new BucketAlreadyExistsException(bucket, existing);
    }

    private static long newEpoch() {
        long epoch;
        do {
            epoch = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        } while (epoch == 0);
        return epoch;
    }

    private static Void writeAll(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        return null;
    }

    @Override
    public BucketInfo bucket(String bucket) throws IOException {
        DataLayout.checkBucketName(bucket);
        return buckets.get(bucket);
    }

    @Override
    public BucketInfo updateBucket(String bucket, Map<String, String> changes) throws IOException {
        DataLayout.checkBucketName(bucket);
        Lock commit = locks.commit(bucket);
        Lock update = locks.settings(bucket);
        commit.lock();
        update.lock();
        try {
            BucketInfo current;
            try {
                current = BucketCache.read(layout.bucketFile(bucket));
            } catch (NoSuchFileException e) {
                buckets.deleted(bucket);
                throw new NoSuchBucketException(bucket);
            }
            BucketInfo next = current.withSettings(changes);
            byte[] json = BucketFile.encode(next);
            try {
                DurableFiles.replace(temp.newPath("bucket-json"), layout.bucketFile(bucket), layout.bucketDir(bucket),
                        channel -> writeAll(channel, json));
            } catch (NoSuchFileException e) { // deleted by another process meanwhile
                buckets.deleted(bucket);
                throw new NoSuchBucketException(bucket);
            }
            buckets.updated(next);
            return next;
        } finally {
            update.unlock();
            commit.unlock();
        }
    }

    @Override
    public List<BucketInfo> listBuckets() throws IOException {
        List<BucketInfo> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.bucketsDir())) {
            for (Path dir : dirs) {
                try {
                    all.add(buckets.get(dir.getFileName().toString()));
                } catch (NoSuchBucketException | IllegalArgumentException e) {
                    // deleted meanwhile, or not a bucket
                }
            }
        }
        all.sort(Comparator.comparing(BucketInfo::name));
        return all;
    }

    @Override
    public void deleteBucket(String bucket) throws IOException {
        Path dir = layout.bucketDir(bucket);
        Path doomed = temp.newPath("deleted-bucket");
        Lock lock = locks.delete(bucket);
        lock.lock();
        try {
            buckets.get(bucket);
            if (presence.containsObject(layout.objectsDir(bucket))) {
                throw new BucketNotEmptyException(bucket);
            }
            try {
                DurableFiles.moveDirectory(dir, doomed);
            } catch (NoSuchFileException e) {
                throw new NoSuchBucketException(bucket);
            } finally {
                buckets.deleted(bucket);
            }
        } finally {
            lock.unlock();
        }
        try {
            FileTrees.deleteRecursively(doomed);
        } catch (IOException e) { // the bucket is gone; its remains go with this instance's temp directory
            LOG.warnf("Could not remove deleted bucket %s at %s: %s", bucket, doomed, e);
        }
    }

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength,
            byte[] expectedMd5, ObjectAttributes attributes) throws IOException {
        return putObject(bucket, key, data, expectedLength, expectedMd5, attributes, null);
    }

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength,
            byte[] expectedMd5, ObjectAttributes attributes, Supplier<Map<String, String>> trailingFacts)
            throws IOException {
        return putObject(bucket, key, data, expectedLength, expectedMd5, attributes, trailingFacts,
                WriteCondition.NONE);
    }

    @Override
    public ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength,
            byte[] expectedMd5, ObjectAttributes attributes, Supplier<Map<String, String>> trailingFacts,
            WriteCondition condition) throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        buckets.get(DataLayout.checkBucketName(bucket));
        Path objects = layout.objectsDir(bucket);
        Path target = KeyPaths.resolve(objects, KeyPaths.objectFile(keyBytes));
        Path tempFile = newTempFile("put");
        ObjectInfo info = DurableFiles.write(tempFile, new ObjectBodyWriter(key, keyBytes, data, expectedLength,
                expectedMd5, attributes, clock, trailingFacts));
        commitObject(bucket, tempFile, target, info, null, condition);
        return info;
    }

    @Override
    public ObjectInfo copyObject(ObjectReader source, String bucket, String key, ObjectAttributes attributes)
            throws IOException {
        return copyObject(source, bucket, key, attributes, WriteCondition.NONE);
    }

    @Override
    public ObjectInfo copyObject(ObjectReader source, String bucket, String key, ObjectAttributes attributes,
            WriteCondition condition) throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        buckets.get(DataLayout.checkBucketName(bucket));
        Path target = KeyPaths.resolve(layout.objectsDir(bucket), KeyPaths.objectFile(keyBytes));
        Path tempFile = newTempFile("copy");
        ObjectInfo info = DurableFiles.write(tempFile,
                channel -> writeCopy(channel, fsReader(source), key, keyBytes, 0, source.info().size(), attributes));
        commitObject(bucket, tempFile, target, info, null, condition);
        return info;
    }

    /** Writes a header and {@code length} bytes of {@code source} from {@code offset}, copied in the kernel. */
    private ObjectInfo writeCopy(FileChannel channel, FsObjectReader source, String key, byte[] keyBytes,
            long offset, long length, ObjectAttributes attributes) throws IOException {
        byte[] header = ObjectHeader.template(keyBytes, attributes);
        channel.position(header.length);
        source.transferTo(offset, length, channel);
        byte[] md5 = attributes.system().containsKey(ObjectAttributes.ETAG) ? new byte[16]
                : copiedMd5(source, offset, length);
        long modified = clock.millis();
        ObjectHeader.complete(header, length, md5, modified);
        writeAll(channel, header, 0);
        return new ObjectInfo(key, length, attributes.system().getOrDefault(ObjectAttributes.ETAG,
                HexFormat.of().formatHex(md5)), Instant.ofEpochMilli(modified), attributes);
    }

    /**
     * The MD5 of copied bytes: the source's own when the whole of a plain (non-multipart) object was copied, else
     * read from the source (a part copy's ETag is the MD5 of its range).
     */
    private static byte[] copiedMd5(FsObjectReader source, long offset, long length) throws IOException {
        String etag = source.info().etag();
        if (offset == 0 && length == source.info().size() && etag.length() == 32
                && !source.info().attributes().system().containsKey(ObjectAttributes.ETAG)) {
            return HexFormat.of().parseHex(etag);
        }
        MessageDigest md5 = newMd5();
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = source.read(buf, pos);
            if (n < 0) {
                throw new IOException("copy source ended early");
            }
            pos += n;
            md5.update(buf.flip());
        }
        return md5.digest();
    }

    private static FsObjectReader fsReader(ObjectReader source) {
        if (source instanceof FsObjectReader fs) {
            return fs;
        }
        throw new IllegalArgumentException("not an object of this store: " + source);
    }

    private static void writeAll(FileChannel channel, byte[] bytes, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long pos = position;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Multipart upload ----------------------------------------------------------------------------------

    @Override
    public MultipartUpload createUpload(String bucket, String key, ObjectAttributes attributes) throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        buckets.get(DataLayout.checkBucketName(bucket));
        String id = UploadFiles.newUploadId();
        long now = clock.millis();
        Path staging = temp.newPath("upload");
        try {
            Files.createDirectory(staging);
            byte[] header = ObjectHeader.template(keyBytes, attributes);
            ObjectHeader.complete(header, 0, new byte[16], now);
            // forces the staging directory with the file in it
            DurableFiles.replace(temp.newPath("upload-file"), staging.resolve(UploadFiles.UPLOAD_FILE), staging,
                    channel -> writeAll(channel, header));
            Path uploadsDir = layout.uploadsDir(bucket);
            DurableFiles.createDirectories(layout.bucketDir(bucket), uploadsDir);
            DurableFiles.moveDirectory(staging, uploadsDir.resolve(id));
        } catch (NoSuchFileException e) {
            FileTrees.deleteRecursively(staging);
            throw new NoSuchBucketException(bucket); // deleted meanwhile
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(staging);
            throw e;
        }
        return new MultipartUpload(id, key, Instant.ofEpochMilli(now), attributes);
    }

    @Override
    public MultipartUpload upload(String bucket, String key, String uploadId) throws IOException {
        buckets.get(DataLayout.checkBucketName(bucket));
        return uploads.read(bucket, key, uploadId);
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, InputStream data,
            long expectedLength, byte[] expectedMd5, Supplier<Map<String, String>> trailingFacts) throws IOException {
        checkPartNumber(partNumber);
        byte[] keyBytes = KeyPaths.keyBytes(key);
        upload(bucket, key, uploadId);
        Path tempFile = newTempFile("part");
        ObjectInfo info = DurableFiles.write(tempFile, new ObjectBodyWriter(key, keyBytes, data, expectedLength,
                expectedMd5, ObjectAttributes.NONE, clock, trailingFacts));
        return commitPart(bucket, uploadId, partNumber, tempFile, info);
    }

    @Override
    public PartInfo copyPart(String bucket, String key, String uploadId, int partNumber, ObjectReader source,
            long offset, long length) throws IOException {
        checkPartNumber(partNumber);
        byte[] keyBytes = KeyPaths.keyBytes(key);
        upload(bucket, key, uploadId);
        Path tempFile = newTempFile("part-copy");
        ObjectInfo info = DurableFiles.write(tempFile, channel -> writeCopy(channel, fsReader(source), key, keyBytes,
                offset, length, ObjectAttributes.NONE));
        return commitPart(bucket, uploadId, partNumber, tempFile, info);
    }

    private PartInfo commitPart(String bucket, String uploadId, int partNumber, Path tempFile, ObjectInfo info)
            throws IOException {
        Path dir = uploads.uploadDir(bucket, uploadId);
        try {
            DurableFiles.commit(tempFile, UploadFiles.partFile(dir, partNumber), dir);
        } catch (NoSuchFileException e) {
            throw new NoSuchUploadException(uploadId); // aborted or completed meanwhile
        }
        return new PartInfo(partNumber, info.size(), info.etag(), info.lastModified(), info.attributes().system());
    }

    private static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > 10_000) {
            throw new IllegalArgumentException("part number out of range: " + partNumber);
        }
    }

    @Override
    public PartPage listParts(String bucket, String key, String uploadId, int afterPart, int maxParts)
            throws IOException {
        MultipartUpload upload = upload(bucket, key, uploadId);
        List<PartInfo> page = new ArrayList<>();
        boolean truncated = false;
        for (PartInfo part : uploads.parts(uploads.uploadDir(bucket, uploadId))) {
            if (part.partNumber() <= afterPart) {
                continue;
            }
            if (page.size() >= maxParts) {
                truncated = true;
                break;
            }
            page.add(part);
        }
        return new PartPage(upload, page, truncated, page.isEmpty() ? 0 : page.getLast().partNumber());
    }

    @Override
    public UploadPage listUploads(String bucket, UploadQuery query) throws IOException {
        buckets.get(DataLayout.checkBucketName(bucket));
        return UploadListing.page(uploads.all(bucket), query);
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
            Function<List<PartInfo>, Map<String, String>> completionFacts) throws IOException {
        return completeUpload(bucket, key, uploadId, parts, completionFacts, WriteCondition.NONE);
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
            Function<List<PartInfo>, Map<String, String>> completionFacts, WriteCondition condition)
            throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        Lock lock = locks.upload(uploadId);
        lock.lock();
        try {
            MultipartUpload upload;
            try {
                upload = upload(bucket, key, uploadId);
            } catch (NoSuchUploadException e) {
                ObjectInfo again = recentlyCompleted.get(bucket, key, uploadId);
                if (again != null) {
                    return again; // completed a moment ago by the request this one waited for: the same answer
                }
                throw e;
            }
            Path dir = uploads.uploadDir(bucket, uploadId);
            // Refuse a bad request before claiming the upload, so a refusal leaves it untouched.
            try {
                completionAttributes(upload, completionFacts, chooseParts(uploadId, parts, uploads.parts(dir)));
            } catch (InvalidPartException e) {
                if (!Files.isDirectory(dir)) { // aborted meanwhile through another replica: not a part's fault
                    throw new NoSuchUploadException(uploadId);
                }
                throw e;
            }
            Path claimed = claimUpload(dir, uploadId);
            ObjectInfo info;
            try {
                // decided again on the parts as claimed: one may have been replaced before the claim
                List<PartInfo> chosen = chooseParts(uploadId, parts, uploads.parts(claimed));
                ObjectAttributes attributes = completionAttributes(upload, completionFacts, chosen);
                List<Path> files = chosen.stream().map(p -> UploadFiles.partFile(claimed, p.partNumber())).toList();
                Path target = KeyPaths.resolve(layout.objectsDir(bucket), KeyPaths.objectFile(keyBytes));
                Path tempFile = newTempFile("complete");
                info = DurableFiles.write(tempFile, new PartAssembler(key, keyBytes, files, attributes, this.files,
                        clock.millis()));
                commitObject(bucket, tempFile, target, info, null, condition);
            } catch (IOException | RuntimeException e) {
                unclaimUpload(claimed, dir);
                throw e;
            }
            recentlyCompleted.put(bucket, key, uploadId, info);
            deleteClaimed(claimed);
            return info;
        } finally {
            lock.unlock();
        }
    }

    private static ObjectAttributes completionAttributes(MultipartUpload upload,
            Function<List<PartInfo>, Map<String, String>> completionFacts, List<PartInfo> chosen) {
        Map<String, String> system = new LinkedHashMap<>(upload.attributes().system());
        system.putAll(completionFacts.apply(chosen));
        system.put(ObjectAttributes.ETAG, multipartEtag(chosen));
        return upload.attributes().withSystem(system);
    }

    /**
     * Takes an upload's directory out of view in one rename, to {@code <id>.completing.<instance>} beside it: of
     * concurrent completions (aborts, clean-ups) in any process sharing the data directory exactly one rename
     * succeeds; the others find no upload. The claim stays inside the bucket's uploads directory, so an instance
     * that dies while assembling leaves it where {@link #restoreAbandonedClaims} puts it back: the client's retry
     * finds its upload.
     */
    private Path claimUpload(Path dir, String uploadId) throws IOException {
        Path claimed = dir.resolveSibling(uploadId + CLAIM_INFIX + temp.id());
        try {
            DurableFiles.moveDirectory(dir, claimed);
        } catch (NoSuchFileException e) {
            throw new NoSuchUploadException(uploadId);
        }
        return claimed;
    }

    /** Puts a claimed upload back after a completion that failed, so the client may try again. */
    private void unclaimUpload(Path claimed, Path dir) {
        try {
            DurableFiles.moveDirectory(claimed, dir);
        } catch (IOException e) {
            LOG.warnf("Could not return the upload at %s to %s after a failed completion: %s", claimed, dir, e);
        }
    }

    /**
     * Returns to view the uploads that instances no longer running had claimed for completion (they died while
     * assembling the object, or before removing a completed upload's parts, in which case the client's retry
     * completes it again to the same object). Runs at start and with every stale-upload clean-up.
     */
    private void restoreAbandonedClaims() throws IOException {
        for (BucketInfo bucket : listBuckets()) {
            Path uploadsDir = layout.uploadsDir(bucket.name());
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploadsDir, "*" + CLAIM_INFIX + "*")) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    int at = name.indexOf(CLAIM_INFIX);
                    String uploadId = name.substring(0, at);
                    String instance = name.substring(at + CLAIM_INFIX.length());
                    if (UploadFiles.isWellFormed(uploadId) && !temp.isRunning(instance)) {
                        LOG.infof("Restoring upload %s of bucket %s, claimed for completion by the stopped "
                                + "instance %s", uploadId, bucket.name(), instance);
                        try {
                            DurableFiles.moveDirectory(entry, uploadsDir.resolve(uploadId));
                        } catch (IOException e) {
                            LOG.warnf("Could not restore upload %s: %s", entry, e);
                        }
                    }
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                // no uploads in this bucket
            }
        }
    }

    private void deleteClaimed(Path claimed) {
        try {
            Path doomed = temp.newPath("completed-upload");
            DurableFiles.moveDirectory(claimed, doomed);
            reaper.discardTree(doomed);
        } catch (IOException e) { // out of view already; goes with this instance's temp directory
            LOG.warnf("Could not remove upload files at %s: %s", claimed, e);
        }
    }

    /** The stored parts a completion names, checked as S3 checks them. */
    private static List<PartInfo> chooseParts(String uploadId, List<CompletedPart> requested, List<PartInfo> stored) {
        Map<Integer, PartInfo> byNumber = new LinkedHashMap<>();
        for (PartInfo p : stored) {
            byNumber.put(p.partNumber(), p);
        }
        List<PartInfo> chosen = new ArrayList<>(requested.size());
        int previous = 0;
        for (CompletedPart want : requested) {
            if (want.partNumber() <= previous) {
                throw new InvalidPartOrderException(uploadId);
            }
            previous = want.partNumber();
            PartInfo have = byNumber.get(want.partNumber());
            if (have == null || !have.etag().equals(want.etag())) {
                throw new InvalidPartException(uploadId, want.partNumber(), want.etag());
            }
            chosen.add(have);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            PartInfo p = chosen.get(i);
            if (p.size() < MIN_PART_SIZE) {
                throw new EntityTooSmallException(uploadId, p.partNumber(), p.size(), MIN_PART_SIZE, p.etag());
            }
        }
        return chosen;
    }

    /** S3's multipart ETag: the MD5 of the parts' binary MD5s, a dash, the number of parts. */
    private static String multipartEtag(List<PartInfo> parts) {
        MessageDigest md5 = newMd5();
        for (PartInfo p : parts) {
            md5.update(HexFormat.of().parseHex(p.etag()));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    @Override
    public void abortUpload(String bucket, String key, String uploadId) throws IOException {
        Lock lock = locks.upload(uploadId); // a completion in this process finishes first: then there is no upload
        lock.lock();
        try {
            upload(bucket, key, uploadId);
            if (!removeUpload(uploads.uploadDir(bucket, uploadId))) {
                // claimed meanwhile by a completion through another replica: this abort did nothing
                throw new NoSuchUploadException(uploadId);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes an upload's directory out of view in one rename, then leaves its removal to the reaper; false when it
     * was gone already (claimed by a completion or removed by another abort meanwhile).
     */
    private boolean removeUpload(Path dir) throws IOException {
        Path doomed = temp.newPath("removed-upload");
        try {
            DurableFiles.moveDirectory(dir, doomed);
        } catch (NoSuchFileException e) {
            return false;
        }
        reaper.discardTree(doomed);
        return true;
    }

    @Override
    public int removeUploadsInitiatedBefore(Instant cutoff) throws IOException {
        restoreAbandonedClaims();
        int removed = 0;
        for (BucketInfo bucket : listBuckets()) {
            for (MultipartUpload upload : uploads.all(bucket.name())) {
                if (upload.initiated().isBefore(cutoff)) {
                    if (removeUpload(uploads.uploadDir(bucket.name(), upload.uploadId()))) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** A temp path for a file to write: an emptied spare file when one is available, else a fresh name. */
    private Path newTempFile(String purpose) {
        Path spare = spares.claim();
        return spare != null ? spare : temp.newPath(purpose);
    }

    /**
     * Makes a complete, synced object file visible under its key, atomically replacing any object there. Every
     * path that creates or replaces an object (put, copy, multipart completion) ends here, so whatever must
     * follow an object's change follows it once.
     */
    private void commitObject(String bucket, Path tempFile, Path target, ObjectInfo info) throws IOException {
        commitObject(bucket, tempFile, target, info, null, WriteCondition.NONE);
    }

    /**
     * As {@link #commitObject(String, Path, Path, ObjectInfo)}, but only while {@code target} is still the file
     * {@code expectedFile} (a file key) names; returns false, the temp file removed, when it was replaced or
     * deleted meanwhile. Null {@code expectedFile}: unconditional.
     */
    private boolean commitObject(String bucket, Path tempFile, Path target, ObjectInfo info, Object expectedFile,
            WriteCondition condition) throws IOException {
        Path objects = layout.objectsDir(bucket);
        BucketInfo facts = buckets.get(bucket);
        Path previous = temp.newPath("replaced");
        long replaced = -1;
        Lock lock = locks.commit(bucket);
        Lock keyLock = locks.key(bucket, info.key());
        lock.lock();
        keyLock.lock();
        try {
            if (expectedFile != null && !expectedFile.equals(fileKey(target))) {
                DurableFiles.deleteQuietly(tempFile);
                return false;
            }
            if (condition.mustBeAbsent()) { // a link cannot replace: atomic also against other processes
                if (!DurableFiles.installNew(tempFile, target, objects)) {
                    throw new PreconditionFailedException(info.key(), "If-None-Match");
                }
            } else {
                checkCondition(target, info.key(), condition, tempFile);
                replaced = keepReplaced(target, previous);
                DurableFiles.install(tempFile, target, objects);
            }
        } catch (IOException e) {
            if (replaced == KEPT) {
                reaper.discard(previous);
            }
            if (e instanceof NoSuchFileException && !Files.isDirectory(objects)) {
                throw new NoSuchBucketException(bucket);
            }
            throw e;
        } finally {
            keyLock.unlock();
            lock.unlock();
        }
        // outside the locks, so that concurrent commits into the directory can share the fsync
        DurableFiles.syncDirectory(target.getParent());
        if (replaced == KEPT) {
            replaced = sizeOf(previous);
            reaper.discard(previous);
        }
        listener.objectChanged(facts, replaced, info.size());
        return true;
    }

    /** Under the key lock: {@code condition} holds for the object at {@code target}, or the write fails. */
    private void checkCondition(Path target, String key, WriteCondition condition, Path tempFile) throws IOException {
        if (condition.isNone()) {
            return;
        }
        String failed;
        try {
            failed = condition.failedHeader(files.readInfo(target), key);
        } catch (RuntimeException e) {
            DurableFiles.deleteQuietly(tempFile);
            throw e;
        }
        if (failed != null) {
            DurableFiles.deleteQuietly(tempFile);
            throw new PreconditionFailedException(key, failed);
        }
    }

    /**
     * Under the key lock, before {@code target} is replaced: hard-links the object there (if any) to {@code keep},
     * so the rename that replaces it does not free its blocks while the lock is held; {@link #KEPT} then, and the
     * caller reads the old size from {@code keep} and discards it. Where hard links fail, the old size now.
     */
    private long keepReplaced(Path target, Path keep) throws IOException {
        try {
            Files.createLink(keep, target);
            return KEPT;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException | UnsupportedOperationException e) {
            return sizeOf(target);
        }
    }

    /** The body size of the object in {@code file}, -1 when there is none. */
    private long sizeOf(Path file) throws IOException {
        ObjectInfo existing = files.readInfo(file);
        return existing == null ? -1 : existing.size();
    }

    /** The identity of the file at {@code path} (inode and device), or null when there is none. */
    private static Object fileKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public ObjectInfo updateObjectSystem(String bucket, String key, Map<String, String> changes) throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        Path target = objectFile(bucket, key);
        for (int attempt = 1; ; attempt++) {
            if (attempt > UPDATE_ATTEMPTS) {
                throw new IOException("object " + key + " kept changing while its attributes were updated");
            }
            Object before = fileKey(target);
            FsObjectReader reader = files.open(target);
            if (reader == null || before == null) {
                if (reader != null) {
                    reader.close();
                }
                throw noSuchKey(bucket, key);
            }
            try (reader) {
                if (!reader.info().key().equals(key)) {
                    throw noSuchKey(bucket, key);
                }
                if (!before.equals(fileKey(target))) {
                    continue; // replaced between the stat and the open: look again
                }
                ObjectInfo old = reader.info();
                Map<String, String> system = new LinkedHashMap<>(old.attributes().system());
                for (Map.Entry<String, String> change : changes.entrySet()) {
                    if (change.getValue() == null) {
                        system.remove(change.getKey());
                    } else {
                        system.put(change.getKey(), change.getValue());
                    }
                }
                ObjectAttributes attributes = old.attributes().withSystem(system);
                ByteBuffer oldHeader = ByteBuffer.allocate((int) reader.dataStart());
                while (oldHeader.hasRemaining()) {
                    if (reader.channel().read(oldHeader, oldHeader.position()) < 0) {
                        throw new CorruptObjectException("file ends inside its header");
                    }
                }
                byte[] header = ObjectHeader.rebuild(oldHeader.flip(), keyBytes, attributes);
                Path tempFile = newTempFile("update");
                DurableFiles.write(tempFile, out -> {
                    writeAll(out, header);
                    copyBytes(reader.channel(), reader.dataStart(), old.size(), out);
                    return null;
                });
                ObjectInfo updated = new ObjectInfo(key, old.size(), old.etag(), old.lastModified(), attributes);
                if (commitObject(bucket, tempFile, target, updated, before, WriteCondition.NONE)) {
                    return updated;
                }
            }
        }
    }

    /** Copies {@code length} bytes from {@code from} at {@code position} to the end of {@code to}. */
    private static void copyBytes(FileChannel from, long position, long length, FileChannel to) throws IOException {
        long done = 0;
        while (done < length) {
            long n = from.transferTo(position + done, length - done, to);
            if (n <= 0) {
                throw new CorruptObjectException("object file shorter than its header says");
            }
            done += n;
        }
    }

    @Override
    public ObjectInfo headObject(String bucket, String key) throws IOException {
        Path file = objectFile(bucket, key);
        ObjectInfo info = files.readInfo(file);
        if (info == null || !info.key().equals(key)) {
            throw noSuchKey(bucket, key);
        }
        return info;
    }

    @Override
    public ObjectReader openObject(String bucket, String key) throws IOException {
        Path file = objectFile(bucket, key);
        FsObjectReader reader = files.open(file);
        if (reader == null) {
            throw noSuchKey(bucket, key);
        }
        if (!reader.info().key().equals(key)) {
            reader.close();
            throw noSuchKey(bucket, key);
        }
        return reader.info().size() < LINKED_READ_MIN ? reader : linked(file, key, reader);
    }

    /**
     * A reader of a large object that can also be sent by file name without copying: the object's file as it is
     * now, hard-linked into this instance's temp directory (so later overwrites and deletes cannot change what the
     * name holds) and opened through that link. The version read may be newer than {@code opened} (which is
     * closed then), as if the open had come a moment later. When linking fails, {@code opened} is returned.
     */
    private FsObjectReader linked(Path file, String key, FsObjectReader opened) throws IOException {
        Path link = temp.newPath("get");
        try {
            Files.createLink(link, file);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return opened; // deleted meanwhile, or no hard links here: serve the version opened
        }
        FsObjectReader relinked;
        try {
            relinked = files.open(link);
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteQuietly(link);
            return opened;
        }
        if (relinked == null || !relinked.info().key().equals(key)) {
            if (relinked != null) {
                relinked.close();
            }
            DurableFiles.deleteQuietly(link);
            return opened;
        }
        opened.close();
        return relinked.linkedAt(link);
    }

    @Override
    public boolean deleteObject(String bucket, String key) throws IOException {
        return deleteObjectIf(bucket, key, null);
    }

    @Override
    public boolean deleteObjectIf(String bucket, String key, Predicate<ObjectInfo> stillDoomed) throws IOException {
        Path file = objectFile(bucket, key);
        BucketInfo facts = buckets.get(bucket);
        Path doomed = temp.newPath("deleted");
        boolean existed;
        Lock stripe = locks.key(bucket, key);
        stripe.lock();
        try {
            if (stillDoomed != null) {
                ObjectInfo current = files.readInfo(file);
                if (current == null || !stillDoomed.test(current)) {
                    return false;
                }
            }
            existed = DurableFiles.moveAway(file, doomed);
        } finally {
            stripe.unlock();
        }
        if (!existed) {
            return false;
        }
        if (syncDeletes) {
            DurableFiles.syncDirectory(file.getParent());
        }
        FileTrees.removeEmptyDirectories(file.getParent(), layout.objectsDir(bucket));
        // the removed object is now this process's file alone: its size is read and its blocks freed unhurried
        long deleted = sizeOf(doomed);
        reaper.discard(doomed);
        listener.objectChanged(facts, deleted, -1);
        return true;
    }

    @Override
    public ListPage listObjects(String bucket, ListQuery query) throws IOException {
        if (query.maxKeys() < 0) {
            throw new IllegalArgumentException("negative maxKeys");
        }
        ListingFilter filter = ListingFilter.of(query);
        buckets.get(DataLayout.checkBucketName(bucket));
        return new KeyLister(layout.objectsDir(bucket), filter, files, listings, presence, query.maxKeys()).list();
    }

    @Override
    public StoredTotals measureBucket(String bucket) throws IOException {
        buckets.get(DataLayout.checkBucketName(bucket));
        long[] totals = new long[2];
        ByteBuffer scratch = ByteBuffer.allocateDirect(ObjectFiles.FIRST_READ);
        measure(layout.objectsDir(bucket), scratch, totals);
        return new StoredTotals(totals[0], totals[1]);
    }

    private void measure(Path dir, ByteBuffer scratch, long[] totals) throws IOException {
        List<Path> subdirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                switch (NameCodec.kind(entry.getFileName().toString())) {
                    case OBJECT -> {
                        ObjectInfo info = files.readInfo(entry, scratch);
                        if (info != null) {
                            totals[0] += info.size();
                            totals[1]++;
                        }
                    }
                    case DIRECTORY, CONTINUATION -> subdirs.add(entry);
                    case OTHER -> {}
                }
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return; // removed meanwhile by a delete
        }
        for (Path sub : subdirs) {
            measure(sub, scratch, totals);
        }
    }

    /** The object file of a key in an existing bucket. */
    private Path objectFile(String bucket, String key) throws IOException {
        byte[] keyBytes = KeyPaths.keyBytes(key);
        buckets.get(DataLayout.checkBucketName(bucket));
        return KeyPaths.resolve(layout.objectsDir(bucket), KeyPaths.objectFile(keyBytes));
    }

    /** NoSuchKey, or NoSuchBucket when another process deleted the bucket since it was cached. */
    private RuntimeException noSuchKey(String bucket, String key) {
        if (!Files.isDirectory(layout.objectsDir(bucket))) {
            return new NoSuchBucketException(bucket);
        }
        return new NoSuchKeyException(key);
    }

    /**
     * Writes and forces a one-byte file in this instance's temp directory, then removes it; also fails when the
     * buckets directory is gone (the volume unmounted or replaced).
     */
    @Override
    public void checkWritable() throws IOException {
        if (!Files.isDirectory(layout.bucketsDir())) {
            throw new NoSuchFileException(layout.bucketsDir().toString(), null, "the buckets directory is gone");
        }
        Path probe = temp.newPath("health");
        try {
            DurableFiles.write(probe, channel -> channel.write(ByteBuffer.wrap(HEALTH_PROBE)));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** How many emptied files wait for reuse; for tests. */
    int spareFiles() {
        return spares.size();
    }

    /**
     * Waits (at most {@code timeoutMillis}) until files of deleted and replaced objects are unlinked or kept as
     * spares; for tests.
     */
    boolean awaitDiscarded(long timeoutMillis) throws InterruptedException {
        return reaper.awaitIdle(timeoutMillis);
    }

    /**
     * Removes this instance's temp files, except the spare files, which the next instance to start takes over,
     * and releases its lock.
     */
    @Override
    public void close() throws IOException {
        reaper.close();
        temp.close(spares.takeAll());
    }
}
