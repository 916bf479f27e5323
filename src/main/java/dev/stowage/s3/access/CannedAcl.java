package dev.stowage.s3.access;

import java.util.ArrayList;
import java.util.List;

/** The canned ACLs of {@code x-amz-acl}, as AWS defines them for buckets and objects. */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"),
    /** Objects: the bucket owner may read. On a bucket it is {@code private}. */
    BUCKET_OWNER_READ("bucket-owner-read"),
    /** Objects: the bucket owner has full control. On a bucket it is {@code private}. */
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control");

    private final String wireName;

    CannedAcl(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The canned ACL of a header value, or null when it names none. */
    public static CannedAcl parse(String value) {
        for (CannedAcl c : values()) {
            if (c.wireName.equals(value)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The grants this canned ACL stands for on a resource of {@code ownerId}; {@code bucketOwnerId} is the
     * bucket's owner for an object, null for the bucket itself.
     */
    public AccessControlList acl(String ownerId, String bucketOwnerId) {
        List<Grant> grants = new ArrayList<>(3);
        switch (this) {
            case PRIVATE -> { }
            case PUBLIC_READ -> grants.add(new Grant(Grantee.ALL_USERS, AclPermission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new Grant(Grantee.ALL_USERS, AclPermission.READ));
                grants.add(new Grant(Grantee.ALL_USERS, AclPermission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(new Grant(Grantee.AUTHENTICATED_USERS, AclPermission.READ));
            case BUCKET_OWNER_READ, BUCKET_OWNER_FULL_CONTROL -> {
                grants.add(new Grant(Grantee.user(ownerId), AclPermission.FULL_CONTROL));
                if (bucketOwnerId != null && !bucketOwnerId.equals(ownerId)) {
                    grants.add(new Grant(Grantee.user(bucketOwnerId),
                            this == BUCKET_OWNER_READ ? AclPermission.READ : AclPermission.FULL_CONTROL));
                }
                return new AccessControlList(grants);
            }
        }
        // the owner's grant after the groups': the order Ceph's gateway shows, which clients' tests index into
        // (AWS documents none)
        grants.add(new Grant(Grantee.user(ownerId), AclPermission.FULL_CONTROL));
        return new AccessControlList(grants);
    }
}
