package dev.stowage.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The narrow seam between the S3 surface and where bytes live. Implementations know nothing of HTTP; they
 * signal domain conditions with the exceptions of this package ({@link NoSuchBucketException} and friends).
 *
 * <p>Contract every implementation keeps: a put is atomic (a reader sees the old object or the new one, never
 * a partial one, also across a crash), data and metadata are durable before {@link #putObject} returns, keys
 * are arbitrary UTF-8 strings of 1..1024 bytes and never escape the bucket, and listings come back in UTF-8
 * binary order.
 */
public interface ObjectStore {

    /** Creates a bucket. Throws {@link BucketAlreadyExistsException} when the name is taken. */
    default BucketInfo createBucket(String bucket, String ownerId, String location) throws IOException {
        return createBucket(bucket, ownerId, location, Map.of());
    }

    /** Creates a bucket with initial {@link BucketInfo#settings() settings}, all in one durable step. */
    BucketInfo createBucket(String bucket, String ownerId, String location, Map<String, String> settings)
            throws IOException;

    /**
     * Changes some of a bucket's {@link BucketInfo#settings() settings} durably (a null value removes that
     * setting) and returns the bucket's new facts; {@link NoSuchBucketException}. Concurrent updates of one bucket
     * in one process apply one after the other.
     */
    BucketInfo updateBucket(String bucket, Map<String, String> changes) throws IOException;

    /** Bucket facts, or {@link NoSuchBucketException}. */
    BucketInfo bucket(String bucket) throws IOException;

    /** All buckets, sorted by name. */
    List<BucketInfo> listBuckets() throws IOException;

    /** Deletes an empty bucket; {@link BucketNotEmptyException} when it holds objects. */
    void deleteBucket(String bucket) throws IOException;

    /**
     * Stores an object from a stream, atomically replacing any object of that key. The stream is read to its
     * end; the digest of what was read becomes the ETag. {@code expectedMd5} (raw 16 bytes, may be null) is
     * checked before the object becomes visible ({@link BadDigestException}).
     */
    ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength, byte[] expectedMd5,
            ObjectAttributes attributes) throws IOException;

    /** Metadata of an object, or {@link NoSuchKeyException}. */
    ObjectInfo headObject(String bucket, String key) throws IOException;

    /**
     * Opens an object for reading. The returned handle reads the version that existed when it was opened,
     * even if the key is overwritten or deleted meanwhile. Callers close it.
     */
    ObjectReader openObject(String bucket, String key) throws IOException;

    /**
     * Changes some of an object's {@link ObjectAttributes#system() system facts} (a null value removes that fact)
     * without changing its bytes, ETag or modification time, and returns its new metadata; {@link
     * NoSuchKeyException}. Atomic like a put: a reader sees the object before or after the change. An overwrite of
     * the key meanwhile wins (the change is then applied to the new object).
     */
    ObjectInfo updateObjectSystem(String bucket, String key, Map<String, String> changes) throws IOException;

    /** Deletes an object; returns false when there was none. */
    boolean deleteObject(String bucket, String key) throws IOException;

    /**
     * Deletes an object only if {@code stillDoomed} holds for it, asked under the lock this process's writes of
     * the key take (so a put racing the delete is never the object deleted); false when there was none or it was
     * spared.
     */
    boolean deleteObjectIf(String bucket, String key, Predicate<ObjectInfo> stillDoomed) throws IOException;

    /** One page of keys in UTF-8 binary order. */
    ListPage listObjects(String bucket, ListQuery query) throws IOException;

    /**
     * Proves the store can durably write right now (the health checks' probe): a tiny write forced to disk and
     * removed again. Throws when it cannot.
     */
    void checkWritable() throws IOException;

    /**
     * Walks a bucket and adds up its objects' sizes and number: the truth that storage accounting is reconciled
     * with. Objects put or deleted while the walk runs may or may not be counted.
     */
    StoredTotals measureBucket(String bucket) throws IOException;

    /** Reads the attributes stored by an earlier put, if the key exists. */
    default Optional<ObjectInfo> findObject(String bucket, String key) throws IOException {
        try {
            return Optional.of(headObject(bucket, key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    // ---- Copy and multipart upload -------------------------------------------------------------------------

    /** S3's smallest part but the last of a multipart upload: 5 MiB. */
    long MIN_PART_SIZE = 5L * 1024 * 1024;

    /**
     * As {@link #putObject(String, String, InputStream, long, byte[], ObjectAttributes)}, adding the system facts
     * {@code trailingFacts} gives once the body has been read to its end (a checksum sent in a trailer, say; a
     * few hundred bytes at most) to those of {@code attributes}.
     */
    ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength, byte[] expectedMd5,
            ObjectAttributes attributes, Supplier<Map<String, String>> trailingFacts) throws IOException;

    /**
     * Copies the bytes of an open object (see {@link #openObject}) to a key, atomically replacing any object
     * there, with {@code attributes} (the source's system facts are the caller's to carry over).
     */
    ObjectInfo copyObject(ObjectReader source, String bucket, String key, ObjectAttributes attributes)
            throws IOException;

    /**
     * As {@link #putObject(String, String, InputStream, long, byte[], ObjectAttributes, Supplier)}, only if
     * {@code condition} holds for the object the new one replaces, checked when the new one becomes visible.
     */
    ObjectInfo putObject(String bucket, String key, InputStream data, long expectedLength, byte[] expectedMd5,
            ObjectAttributes attributes, Supplier<Map<String, String>> trailingFacts, WriteCondition condition)
            throws IOException;

    /** As {@link #copyObject(ObjectReader, String, String, ObjectAttributes)}, only if {@code condition} holds. */
    ObjectInfo copyObject(ObjectReader source, String bucket, String key, ObjectAttributes attributes,
            WriteCondition condition) throws IOException;

    /** Starts a multipart upload of {@code key}; the attributes become the object's at completion. */
    MultipartUpload createUpload(String bucket, String key, ObjectAttributes attributes) throws IOException;

    /** An upload in progress for that key, or {@link NoSuchUploadException}. */
    MultipartUpload upload(String bucket, String key, String uploadId) throws IOException;

    /**
     * Stores one part (1..10,000) of an upload, replacing an earlier part of that number; checks length and MD5
     * as {@link #putObject} does. {@code trailingFacts} as there, kept with the part.
     */
    PartInfo putPart(String bucket, String key, String uploadId, int partNumber, InputStream data,
            long expectedLength, byte[] expectedMd5, Supplier<Map<String, String>> trailingFacts) throws IOException;

    /** Stores {@code length} bytes of an open object from {@code offset} as a part (UploadPartCopy). */
    PartInfo copyPart(String bucket, String key, String uploadId, int partNumber, ObjectReader source, long offset,
            long length) throws IOException;

    /** The parts after part number {@code afterPart}, at most {@code maxParts} of them. */
    PartPage listParts(String bucket, String key, String uploadId, int afterPart, int maxParts) throws IOException;

    /** One page of a bucket's uploads in progress. */
    UploadPage listUploads(String bucket, UploadQuery query) throws IOException;

    /**
     * Completes an upload: the named parts (ascending, each with its stored ETag, all but the last at least
     * {@link #MIN_PART_SIZE}; else {@link InvalidPartOrderException}, {@link InvalidPartException},
     * {@link EntityTooSmallException}) become the object, atomically, with the upload's attributes, the system
     * facts {@code completionFacts} computes from the chosen parts (it may throw to refuse them), and the ETag
     * {@code hex(MD5(part MD5s))-N}. The upload and its parts are gone afterwards. Concurrent completions of one
     * upload (in any process sharing the store) make one object: one wins, the others get {@link
     * NoSuchUploadException}, or, in the winner's process, the winner's result, as a repeated completion does.
     */
    ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
            Function<List<PartInfo>, Map<String, String>> completionFacts) throws IOException;

    /**
     * As {@link #completeUpload(String, String, String, List, Function)}, only if {@code condition} holds, checked
     * when the object becomes visible; when it does not, the upload stays as it was, for the client to retry.
     */
    ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
            Function<List<PartInfo>, Map<String, String>> completionFacts, WriteCondition condition)
            throws IOException;

    /** Removes an upload and its parts; {@link NoSuchUploadException} when there is none. */
    void abortUpload(String bucket, String key, String uploadId) throws IOException;

    /** Removes every upload (of every bucket) started before {@code cutoff}; returns how many. */
    int removeUploadsInitiatedBefore(Instant cutoff) throws IOException;
}
