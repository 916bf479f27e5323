package dev.stowage.s3;

import dev.stowage.auth.Principal;
import dev.stowage.observe.RequestTrace;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Decides whether a principal may perform an operation: the permission is a property of the operation. Until
 * ACLs arrive, a bucket and everything in it belong to the bucket's owner alone; anonymous callers may do nothing.
 */
@ApplicationScoped
public class S3Authorizer {
    private final ObjectStore store;

    public S3Authorizer(ObjectStore store) {
        this.store = store;
    }

    /**
     * Returns the addressed bucket (null when the operation has none) or throws AccessDenied / NoSuchBucket. The
     * bucket, once found, is recorded in {@code trace} also when access is then denied.
     */
    public BucketInfo authorize(S3Operation op, Principal principal, RequestTrace trace) throws IOException {
        if (principal.isAnonymous()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        if (op.permission() == S3Operation.Permission.AUTHENTICATED) {
            return null;
        }
        BucketInfo bucket = store.bucket(op.bucket());
        trace.bucket(bucket);
        if (!principal.userId().equals(bucket.ownerId())) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        return bucket;
    }

    /**
     * Whether the caller may read the source of a copy (CopyObject, UploadPartCopy): the destination went through
     * {@link #authorize}; the source bucket must exist and, until ACLs arrive, belong to the caller. Returns it.
     */
    public BucketInfo authorizeCopySource(Principal principal, String sourceBucket) throws IOException {
        BucketInfo bucket = store.bucket(sourceBucket);
        if (principal.isAnonymous() || !principal.userId().equals(bucket.ownerId())) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        return bucket;
    }
}
