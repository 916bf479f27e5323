package dev.stowage.s3;

import dev.stowage.auth.Principal;
import dev.stowage.http.RequestHead;
import dev.stowage.observe.RequestTrace;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Operation.Permission;
import dev.stowage.s3.access.AclPermission;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.policy.BucketPolicy;
import dev.stowage.s3.policy.BucketPolicy.Decision;
import dev.stowage.s3.policy.PolicyActions;
import dev.stowage.s3.policy.PolicyRequests;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Decides, once per request, whether a principal may perform an operation: the permission is a property of the
 * operation, the bucket's and object's ACLs say who has it (S3's ACL semantics: READ on a bucket lists it, WRITE
 * writes and deletes its objects, READ_ACP / WRITE_ACP read and change an ACL, READ on an object reads it). An owner
 * always has every permission on what it owns; the bucket owner alone deletes the bucket and manages its tags and
 * CORS rules, an object's owner alone its tags. An object belongs to whoever wrote it, so the bucket owner reads
 * another user's object only through a grant. Anonymous requests have what the AllUsers group is granted and may
 * neither list buckets nor create them.
 *
 * <p>A bucket's policy ({@link BucketPolicy}) is asked first, with the operation's policy action
 * ({@link PolicyActions}): an explicit Deny refuses the request whoever sends it, the owner included; an Allow grants
 * it whatever the ACLs say; otherwise the ACLs decide as above. Managing the policy, the public access block and
 * the ownership controls stays the owner's alone, and a Deny never takes it from the owner. While the bucket's
 * public access block restricts public buckets, a public policy grants nothing to anyone but the owner. Handlers
 * never re-check, but for DeleteObjects, whose keys are in its body: each key asks {@link Authorized#deletable}.
 */
@ApplicationScoped
public class S3Authorizer {
    private final ObjectStore store;

    public S3Authorizer(ObjectStore store) {
        this.store = store;
    }

    /**
     * What authorization found: the bucket (null when the operation has none) and, for object ACL checks, the object;
     * {@code deletable} says of a key of the bucket whether the caller may delete it (DeleteObjects; null otherwise).
     */
    public record Authorized(BucketInfo bucket, ObjectInfo object, ObjectReader reader, Predicate<String> deletable) {
        static final Authorized NONE = new Authorized(null, null, null, null);

        Authorized(BucketInfo bucket, ObjectInfo object, ObjectReader reader) {
            this(bucket, object, reader, null);
        }
    }

    /**
     * Returns what the operation addresses or throws AccessDenied / NoSuchBucket / NoSuchKey (NoSuchKey only to
     * callers who may list the bucket; others learn nothing). The bucket, once found, is recorded in {@code trace}
     * also when access is then denied. A returned {@code reader} is open: the caller closes it.
     */
    public Authorized authorize(S3Operation op, Principal principal, RequestHead head, RequestTrace trace)
            throws IOException {
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
        PolicyCheck policy = new PolicyCheck(op, principal, head, bucket, bucketOwner);
        String key = op.key() != null ? op.key() : head.key();
        return switch (permission) {
            case NONE -> new Authorized(bucket, null, null);
            case OWNER -> {
                Decision decision = policy.decide(key, null);
                require(decision == Decision.ALLOW || (bucketOwner && decision == Decision.NONE));
                yield new Authorized(bucket, null, null);
            }
            case READ, WRITE, READ_ACP, WRITE_ACP -> {
                boolean byAcl = BucketAccess.allows(bucket, user, aclPermission(permission));
                if (op instanceof S3Operation.DeleteObjects) {
                    require(byAcl || policy.present());
                    yield new Authorized(bucket, null, null, k -> {
                        Decision d = policy.decide(k, null);
                        return d == Decision.ALLOW || (d == Decision.NONE && byAcl);
                    });
                }
                Decision decision = policy.decide(key, null);
                require(decision == Decision.ALLOW || (decision == Decision.NONE && byAcl));
                yield new Authorized(bucket, null, null);
            }
            case OBJECT_READ, OBJECT_READ_ACP, OBJECT_WRITE_ACP, OBJECT_OWNER -> object(op, bucket, user, permission, policy);
            case AUTHENTICATED -> throw new IllegalStateException("handled above");
        };
    }

    /** Loads the object (opened for GetObject, the header alone otherwise) and checks the policy and its ACL. */
    private Authorized object(S3Operation op, BucketInfo bucket, String user, Permission permission, PolicyCheck policy)
            throws IOException {
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
            Decision decision = policy.decide(op.key(), null);
            if (decision != Decision.DENY && (policy.mayList() || BucketAccess.allows(bucket, user, AclPermission.READ))) {
                throw e;
            }
            throw denied();
        }
        Decision decision = policy.decide(op.key(), ObjectAccess.tags(object));
        boolean allowed = decision == Decision.ALLOW || (decision == Decision.NONE && (permission == Permission.OBJECT_OWNER
                ? user != null && user.equals(ObjectAccess.owner(object, bucket))
                : ObjectAccess.allows(object, bucket, user, aclPermission(permission))));
        if (!allowed) {
            if (reader != null) {
                reader.close();
            }
            throw denied();
        }
        return new Authorized(bucket, object, reader);
    }

    /**
     * The bucket policy's say on one request: {@link Decision#NONE} when the bucket has no policy, the action is not
     * one a policy decides, or it is the owner's alone; an Allow of a public policy counts for nothing but the
     * owner's while public buckets are restricted.
     */
    private static final class PolicyCheck {
        private final S3Operation op;
        private final Principal principal;
        private final RequestHead head;
        private final String bucket;
        private final BucketPolicy policy;
        private final String action;
        private final boolean allowsCount;
        /** The request's condition keys, taken at the first decision (DeleteObjects asks once per key). */
        private Map<String, List<String>> conditionKeys;

        PolicyCheck(S3Operation op, Principal principal, RequestHead head, BucketInfo bucket, boolean bucketOwner) {
            this(op, null, principal, head, bucket, bucketOwner);
        }

        /** The check of {@code op} as the action {@code named} (null: the operation's own, named only if needed). */
        PolicyCheck(S3Operation op, String named, Principal principal, RequestHead head, BucketInfo bucket,
                boolean bucketOwner) {
            this.op = op;
            this.principal = principal;
            this.head = head;
            this.bucket = bucket.name();
            BucketPolicy stored = BucketPolicy.of(bucket);
            this.action = stored == null ? null : named != null ? named : PolicyActions.of(op);
            this.policy = action == null || PolicyActions.ownerOnly(action) ? null : stored;
            this.allowsCount = policy == null || bucketOwner || !policy.isPublic()
                    || !PublicAccessBlock.of(bucket).restrictPublicBuckets();
        }

        boolean present() {
            return policy != null;
        }

        /** The policy's decision on {@code key} of the bucket (null: the bucket itself), with the object's tags if known. */
        Decision decide(String key, TagSet existingTags) {
            return decide(action, key, existingTags);
        }

        /** Whether the policy allows listing the bucket (so that a missing key may be told apart from a denied one). */
        boolean mayList() {
            return decide("s3:ListBucket", null, null) == Decision.ALLOW;
        }

        private Decision decide(String asAction, String key, TagSet existingTags) {
            if (policy == null) {
                return Decision.NONE;
            }
            if (conditionKeys == null) {
                conditionKeys = PolicyRequests.conditionKeys(op, principal, head);
            }
            Decision d = policy.decide(PolicyRequests.of(principal.userId(), asAction, bucket, key, conditionKeys,
                    existingTags));
            return d == Decision.ALLOW && !allowsCount ? Decision.NONE : d;
        }
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
     * authorized: the source bucket's policy and the source object's ACL must grant s3:GetObject / READ; a missing
     * source is NoSuchKey only to callers who may list its bucket; a bucket of another owner than
     * {@code expectedOwner} (when not null) is AccessDenied. The destination went through {@link #authorize}. The
     * caller closes the reader.
     */
    public ObjectReader openCopySource(Principal principal, RequestHead head, String sourceBucket, String sourceKey,
            String expectedOwner) throws IOException {
        BucketInfo bucket = store.bucket(sourceBucket);
        ExpectedBucketOwner.require(expectedOwner, bucket);
        String user = principal.userId();
        PolicyCheck policy = new PolicyCheck(null, "s3:GetObject", principal, head, bucket,
                user != null && user.equals(bucket.ownerId()));
        ObjectReader reader;
        try {
            reader = store.openObject(sourceBucket, sourceKey);
        } catch (NoSuchKeyException e) {
            if (policy.decide(sourceKey, null) != Decision.DENY
                    && (policy.mayList() || BucketAccess.allows(bucket, user, AclPermission.READ))) {
                throw e;
            }
            throw denied();
        }
        Decision decision = policy.decide(sourceKey, ObjectAccess.tags(reader.info()));
        if (!(decision == Decision.ALLOW
                || (decision == Decision.NONE && ObjectAccess.allows(reader.info(), bucket, user, AclPermission.READ)))) {
            reader.close();
            throw denied();
        }
        return reader;
    }
}
