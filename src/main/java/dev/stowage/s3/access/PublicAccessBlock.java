package dev.stowage.s3.access;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;
import java.util.List;

/**
 * A bucket's public access block (PutPublicAccessBlock), kept as the bucket setting {@value #SETTING}. Of its four
 * switches act as AWS documents them:
 * <ul>
 *   <li>{@code BlockPublicAcls}: a request that would set an ACL granting anything to AllUsers or
 *       AuthenticatedUsers (PutBucketAcl, PutObjectAcl, or a write with such a canned ACL or grant header) is 403
 *       AccessDenied;</li>
 *   <li>{@code IgnorePublicAcls}: such grants on the bucket and its objects are ignored when access is checked
 *       (they are still stored and shown by GetBucketAcl / GetObjectAcl).</li>
 *   <li>{@code BlockPublicPolicy}: PutBucketPolicy of a public policy is 403 AccessDenied;</li>
 *   <li>{@code RestrictPublicBuckets}: while the bucket's policy is public, its Allow statements grant nothing to
 *       anyone but the bucket owner ({@link dev.stowage.s3.S3Authorizer}).</li>
 * </ul>
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
        boolean restrictPublicBuckets) {
    /** The bucket setting: four {@code t}/{@code f} letters, in the order of the record's components. */
    public static final String SETTING = "public-access-block";
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
    private static final String ROOT = "PublicAccessBlockConfiguration";
    private static final List<String> ELEMENTS =
            List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets");

    /** The bucket's block; {@link #NONE} when it has none. */
    public static PublicAccessBlock of(BucketInfo bucket) {
        String stored = bucket.setting(SETTING);
        return stored == null ? NONE : decode(stored);
    }

    /** Whether the bucket has a public access block configured (GetPublicAccessBlock answers 404 otherwise). */
    public static boolean isConfigured(BucketInfo bucket) {
        return bucket.setting(SETTING) != null;
    }

    /** The configuration of a PutPublicAccessBlock body; MalformedXML when it is not one. */
    public static PublicAccessBlock fromXml(byte[] body) {
        XmlElement root = XmlElement.parse(body, ROOT, S3ErrorCode.MALFORMED_XML);
        boolean[] values = new boolean[ELEMENTS.size()];
        for (int i = 0; i < values.length; i++) {
            String text = root.childText(ELEMENTS.get(i));
            if (text == null) {
                continue; // absent: false, as AWS takes it
            }
            switch (text.trim()) {
                case "true" -> values[i] = true;
                case "false" -> values[i] = false;
                default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
        }
        return new PublicAccessBlock(values[0], values[1], values[2], values[3]);
    }

    public byte[] toXml() {
        boolean[] values = values();
        XmlWriter xml = new XmlWriter().openRoot(ROOT);
        for (int i = 0; i < values.length; i++) {
            xml.element(ELEMENTS.get(i), Boolean.toString(values[i]));
        }
        return xml.close(ROOT).toBytes();
    }

    public String encode() {
        StringBuilder out = new StringBuilder(4);
        for (boolean v : values()) {
            out.append(v ? 't' : 'f');
        }
        return out.toString();
    }

    static PublicAccessBlock decode(String stored) {
        boolean[] v = new boolean[4];
        for (int i = 0; i < v.length && i < stored.length(); i++) {
            v[i] = stored.charAt(i) == 't';
        }
        return new PublicAccessBlock(v[0], v[1], v[2], v[3]);
    }

    /** The grants access checks go by: {@code acl} without its public grants when they are ignored. */
    AccessControlList effective(AccessControlList acl) {
        if (!ignorePublicAcls || acl.grants().stream().noneMatch(PublicAccessBlock::isPublic)) {
            return acl;
        }
        return new AccessControlList(acl.grants().stream().filter(g -> !isPublic(g)).toList());
    }

    /** Refuses (403 AccessDenied) an ACL about to be set that grants to the public while public ACLs are blocked. */
    public void requireAllowed(AccessControlList acl) {
        if (blockPublicAcls && acl != null && acl.grants().stream().anyMatch(PublicAccessBlock::isPublic)) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
    }

    private static boolean isPublic(Grant grant) {
        return grant.grantee().equals(Grantee.ALL_USERS) || grant.grantee().equals(Grantee.AUTHENTICATED_USERS);
    }

    private boolean[] values() {
        return new boolean[] {blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets};
    }
}
