package dev.stowage.store.fs;

import java.nio.file.Path;

/**
 * Where things live under the data root:
 *
 * <pre>
 * buckets/&lt;bucket&gt;/bucket.json   the bucket's facts
 * buckets/&lt;bucket&gt;/objects/       the key tree (see {@link KeyPaths}); names starting with '#' are reserved
 *                                   there for later use (e.g. object versions next to their key)
 * buckets/&lt;bucket&gt;/uploads/&lt;id&gt;/  a multipart upload in progress (see {@link UploadFiles}); never listed
 * buckets/&lt;bucket&gt;/&lt;other&gt;/       room for more per-bucket state
 * tmp/&lt;instance&gt;/                  a live process's temp files (see {@link InstanceTempDir})
 * tmp/&lt;instance&gt;.lock             held locked by that process while it lives
 * </pre>
 */
final class DataLayout {
    static final String BUCKET_FILE = "bucket.json";
    static final String OBJECTS = "objects";
    static final String UPLOADS = "uploads";

    private final Path buckets;
    private final Path tmp;

    DataLayout(Path dataRoot) {
        Path root = dataRoot.toAbsolutePath().normalize();
        this.buckets = root.resolve("buckets");
        this.tmp = root.resolve("tmp");
    }

    Path bucketsDir() {
        return buckets;
    }

    Path tmpDir() {
        return tmp;
    }

    Path bucketDir(String bucket) {
        return buckets.resolve(checkBucketName(bucket));
    }

    Path bucketFile(String bucket) {
        return bucketDir(bucket).resolve(BUCKET_FILE);
    }

    Path objectsDir(String bucket) {
        return bucketDir(bucket).resolve(OBJECTS);
    }

    Path uploadsDir(String bucket) {
        return bucketDir(bucket).resolve(UPLOADS);
    }

    /**
     * Callers validate bucket names by S3's rules; this only makes sure a name is one directory name
     * directly under {@code buckets/}.
     */
    static String checkBucketName(String bucket) {
        if (bucket == null || bucket.isEmpty() || bucket.equals(".") || bucket.equals("..")
                || bucket.indexOf('/') >= 0 || bucket.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid bucket name");
        }
        return bucket;
    }
}
