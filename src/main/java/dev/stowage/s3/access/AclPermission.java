package dev.stowage.s3.access;

/**
 * What an ACL grant allows, as AWS names it. On a bucket: READ lists it, WRITE creates, overwrites and deletes its
 * objects, READ_ACP / WRITE_ACP read / write the bucket's ACL. On an object: READ reads its data and metadata,
 * READ_ACP / WRITE_ACP its ACL (WRITE means nothing on an object). FULL_CONTROL is all of them.
 */
public enum AclPermission {
    FULL_CONTROL,
    WRITE,
    WRITE_ACP,
    READ,
    READ_ACP;

    /** Whether a grant of this permission allows {@code needed}. */
    public boolean allows(AclPermission needed) {
        return this == needed || this == FULL_CONTROL;
    }

    /** The permission of a wire name, or null when it names none. */
    public static AclPermission parse(String wire) {
        for (AclPermission p : values()) {
            if (p.name().equals(wire)) {
                return p;
            }
        }
        return null;
    }
}
