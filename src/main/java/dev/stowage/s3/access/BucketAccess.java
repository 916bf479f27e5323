package dev.stowage.s3.access;

import dev.stowage.store.BucketInfo;

/**
 * The names of the bucket {@link BucketInfo#settings() settings} the S3 surface keeps in {@code bucket.json}, and
 * how a bucket's ACL is read from them. No {@value #ACL} setting means the default ACL: the owner's FULL_CONTROL.
 */
public final class BucketAccess {
    /** Bucket setting: the ACL's grants ({@link AccessControlList#encode}). */
    public static final String ACL = "acl";
    /** Bucket setting: the bucket's tags ({@link dev.stowage.s3.tagging.TagSet#encode}). */
    public static final String TAGS = "tags";
    /** Bucket setting: the CORS configuration ({@link dev.stowage.s3.cors.CorsConfiguration#encode}). */
    public static final String CORS = "cors";
    /** Bucket setting: the versioning status set by PutBucketVersioning ({@code Suspended}); absent: never set. */
    public static final String VERSIONING = "versioning";

    private BucketAccess() {}

    /** The bucket's grants; the owner's full control alone while its ACLs are disabled ({@link ObjectOwnership}). */
    public static AccessControlList acl(BucketInfo bucket) {
        if (ObjectOwnership.of(bucket).aclsDisabled()) {
            return AccessControlList.ownerOnly(bucket.ownerId());
        }
        return AccessControlList.decode(bucket.setting(ACL), bucket.ownerId());
    }

    /**
     * Whether the caller ({@code userId} null when anonymous) may do what {@code needed} allows on the bucket (public
     * grants not counted while its {@link PublicAccessBlock} ignores them).
     */
    public static boolean allows(BucketInfo bucket, String userId, AclPermission needed) {
        return (userId != null && userId.equals(bucket.ownerId()))
                || PublicAccessBlock.of(bucket).effective(acl(bucket)).allows(userId, needed);
    }
}
