package dev.stowage.s3.access;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;

/**
 * A bucket's object ownership (PutBucketOwnershipControls, or {@code x-amz-object-ownership} on CreateBucket), kept as
 * the bucket setting {@value #SETTING}; a bucket without one behaves as {@link #OBJECT_WRITER}, as buckets did before
 * AWS had the setting:
 * <ul>
 *   <li>{@link #OBJECT_WRITER}: whoever writes an object owns it, and ACLs decide access;</li>
 *   <li>{@link #BUCKET_OWNER_PREFERRED}: as ObjectWriter, but an object written with the canned ACL
 *       {@code bucket-owner-full-control} belongs to the bucket owner;</li>
 *   <li>{@link #BUCKET_OWNER_ENFORCED}: ACLs are off. The bucket owner owns every object and, but for what the
 *       bucket policy grants, alone has access; a request that would set an ACL granting anyone else anything is 400
 *       AccessControlListNotSupported; reading ACLs shows the bucket owner's full control.</li>
 * </ul>
 */
public enum ObjectOwnership {
    OBJECT_WRITER("ObjectWriter"),
    BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
    BUCKET_OWNER_ENFORCED("BucketOwnerEnforced");

    /** The bucket setting: the AWS name of the mode. */
    public static final String SETTING = "object-ownership";
    /** CreateBucket's header naming the mode. */
    public static final String HEADER = "x-amz-object-ownership";
    private static final String ROOT = "OwnershipControls";

    private final String awsName;

    ObjectOwnership(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }

    /** The bucket's mode; ObjectWriter when none is set. */
    public static ObjectOwnership of(BucketInfo bucket) {
        ObjectOwnership mode = named(bucket.setting(SETTING));
        return mode == null ? OBJECT_WRITER : mode;
    }

    public static boolean isConfigured(BucketInfo bucket) {
        return bucket.setting(SETTING) != null;
    }

    /** The mode of an AWS name, or null. */
    public static ObjectOwnership named(String name) {
        for (ObjectOwnership mode : values()) {
            if (mode.awsName.equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** CreateBucket's {@code x-amz-object-ownership}: null when absent; InvalidArgument when not a mode. */
    public static ObjectOwnership fromHeader(String value) {
        if (value == null) {
            return null;
        }
        ObjectOwnership mode = named(value.trim());
        if (mode == null) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid x-amz-object-ownership header: " + value)
                    .element("ArgumentName", HEADER)
                    .element("ArgumentValue", value);
        }
        return mode;
    }

    /** The mode of a PutBucketOwnershipControls body (one rule); MalformedXML when it is not one. */
    public static ObjectOwnership fromXml(byte[] body) {
        XmlElement root = XmlElement.parse(body, ROOT, S3ErrorCode.MALFORMED_XML);
        if (root.all("Rule").size() != 1) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        ObjectOwnership mode = named(root.first("Rule").childText("ObjectOwnership"));
        if (mode == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        return mode;
    }

    public byte[] toXml() {
        return new XmlWriter().openRoot(ROOT).open("Rule").element("ObjectOwnership", awsName).close("Rule")
                .close(ROOT).toBytes();
    }

    /** Whether ACLs are off: the bucket owner owns and alone accesses everything. */
    public boolean aclsDisabled() {
        return this == BUCKET_OWNER_ENFORCED;
    }

    /**
     * Whether {@code acl} may be set in this mode: always while ACLs are on; while they are off, only if it grants
     * nothing to anyone but the bucket owner (as {@code bucket-owner-full-control} and {@code private} do).
     */
    public boolean allowsAcl(AccessControlList acl, String bucketOwnerId) {
        if (!aclsDisabled() || acl == null) {
            return true;
        }
        Grantee bucketOwner = Grantee.user(bucketOwnerId);
        return acl.grants().stream().allMatch(g -> g.grantee().equals(bucketOwner));
    }

    /** Refuses (400 AccessControlListNotSupported) an ACL about to be set that this mode does not allow. */
    public void requireAclAllowed(AccessControlList acl, String bucketOwnerId) {
        if (!allowsAcl(acl, bucketOwnerId)) {
            throw new S3Exception(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
        }
    }
}
