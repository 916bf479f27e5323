package dev.stowage.s3;

import dev.stowage.auth.Principal;
import dev.stowage.observe.RequestTrace;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Operation.Permission;
import dev.stowage.s3.access.AclPermission;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Decides, once per request, whether a principal may perform an operation: the permission is a property of the
 * operation, the bucket's and object's ACLs say who has it (S3's ACL semantics: READ on a bucket lists it, WRITE
 * writes and deletes its objects, READ_ACP / WRITE_ACP read and change an ACL, READ on an object reads it). An owner
 * always has every permission on what it owns; the bucket owner alone deletes the bucket and manages its tags and
 * CORS rules, an object's owner alone its tags. An object belongs to whoever wrote it, so the bucket owner reads
 * another user's object only through a grant. Anonymous requests have what the AllUsers group is granted and may
 * neither list buckets nor create them. Handlers never re-check.
 */
@ApplicationScoped
public class S3Authorizer {
    private final ObjectStore store;

    public S3Authorizer(ObjectStore store) {
        this.store = store;
    }

    /** What authorization found: the bucket (null when the operation has none) and, for object ACL checks, the object. */
    public record Authorized(BucketInfo bucket, ObjectInfo object, ObjectReader reader) {
        static final Authorized NONE = new Authorized(null, null, null);
    }

    /**
     * Returns what the operation addresses or throws AccessDenied / NoSuchBucket / NoSuchKey (NoSuchKey only to
     * callers who may list the bucket; others learn nothing). The bucket, once found, is recorded in {@code trace}
     * also when access is then denied. A returned {@code reader} is open: the caller closes it.
     */
    public Authorized authorize(S3Operation op, Principal principal, RequestTrace trace) throws IOException {
        Permission permission = op.permission();
        if (permission == Permission.AUTHENTICATED) {
            if (principal.isAnonymous()) {
                throw denied();
            }
            return Authorized.NONE;
        }
        BucketInfo bucket = store.bucket(op.bucket());
        trace.bucket(bucket);
        String user = principal.userId();
        boolean bucketOwner = user != null && user.equals(bucket.ownerId());
        return switch (permission) {
            case NONE -> new Authorized(bucket, null, null);
            case OWNER -> {
                require(bucketOwner);
                yield new Authorized(bucket, null, null);
            }
            case READ, WRITE, READ_ACP, WRITE_ACP -> {
                require(BucketAccess.allows(bucket, user, aclPermission(permission)));
                yield new Authorized(bucket, null, null);
            }
            case OBJECT_READ, OBJECT_READ_ACP, OBJECT_WRITE_ACP, OBJECT_OWNER -> object(op, bucket, user, permission);
            case AUTHENTICATED -> throw new IllegalStateException("handled above");
        };
    }

    /** Loads the object (opened for GetObject, the header alone otherwise) and checks its ACL. */
    private Authorized object(S3Operation op, BucketInfo bucket, String user, Permission permission) throws IOException {
        ObjectReader reader = null;
        ObjectInfo object;
        try {
            if (op instanceof GetObject) {
                reader = store.openObject(op.bucket(), op.key());
                object = reader.info();
            } else {
                object = store.headObject(op.bucket(), op.key());
            }
        } catch (NoSuchKeyException e) {
            if (BucketAccess.allows(bucket, user, AclPermission.READ)) {
                throw e;
            }
            throw denied();
        }
        boolean allowed = permission == Permission.OBJECT_OWNER
                ? user != null && user.equals(ObjectAccess.owner(object, bucket))
                : ObjectAccess.allows(object, bucket, user, aclPermission(permission));
        if (!allowed) {
            if (reader != null) {
                reader.close();
            }
            throw denied();
        }
        return new Authorized(bucket, object, reader);
    }

    private static AclPermission aclPermission(Permission permission) {
        return switch (permission) {
            case READ, OBJECT_READ -> AclPermission.READ;
            case WRITE -> AclPermission.WRITE;
            case READ_ACP, OBJECT_READ_ACP -> AclPermission.READ_ACP;
            case WRITE_ACP, OBJECT_WRITE_ACP -> AclPermission.WRITE_ACP;
            default -> throw new IllegalArgumentException(permission + " is not granted by ACLs");
        };
    }

    private static void require(boolean allowed) {
        if (!allowed) {
            throw denied();
        }
    }

    private static S3Exception denied() {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }

    /** Records in {@code trace} the bucket a CreateBucket made (or found already owned), for usage counting. */
    public void created(S3Operation op, RequestTrace trace) {
        try {
            trace.bucket(store.bucket(op.bucket()));
        } catch (IOException | RuntimeException e) {
            // deleted at once by a concurrent request: nothing to count it under
        }
    }

    /**
     * Opens the source of a copy (CopyObject, UploadPartCopy) if the caller may read it, as GetObject would be
     * authorized: the source object's ACL must grant READ; a missing source is NoSuchKey only to callers who may
     * list its bucket; a bucket of another owner than {@code expectedOwner} (when not null) is AccessDenied. The
     * destination went through {@link #authorize}. The caller closes the reader.
     */
    public ObjectReader openCopySource(Principal principal, String sourceBucket, String sourceKey,
            String expectedOwner) throws IOException {
        BucketInfo bucket = store.bucket(sourceBucket);
        ExpectedBucketOwner.require(expectedOwner, bucket);
        String user = principal.userId();
        ObjectReader reader;
        try {
            reader = store.openObject(sourceBucket, sourceKey);
        } catch (NoSuchKeyException e) {
            if (BucketAccess.allows(bucket, user, AclPermission.READ)) {
                throw e;
            }
            throw denied();
        }
        if (!ObjectAccess.allows(reader.info(), bucket, user, AclPermission.READ)) {
            reader.close();
            throw denied();
        }
        return reader;
    }
}
