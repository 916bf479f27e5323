package dev.stowage.s3.access;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code AccessControlPolicy} document of GetBucketAcl / GetObjectAcl and of PutBucketAcl / PutObjectAcl
 * bodies: Owner (ID, DisplayName), then AccessControlList with a Grant (Grantee, Permission) per entry; grantees
 * typed by {@code xsi:type} CanonicalUser (ID, DisplayName), AmazonCustomerByEmail (EmailAddress) or Group (URI).
 */
public final class AclXml {
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    private AclXml() {}

    /** The policy of a resource owned by {@code ownerId}, display names looked up once per user. */
    public static byte[] render(String ownerId, AccessControlList acl, GranteeResolver resolver) {
        Map<String, String> names = new HashMap<>();
        XmlWriter xml = new XmlWriter().openRoot("AccessControlPolicy");
        xml.open("Owner").element("ID", ownerId)
                .element("DisplayName", names.computeIfAbsent(ownerId, resolver::displayName)).close("Owner");
        xml.open("AccessControlList");
        for (Grant grant : acl.grants()) {
            Grantee grantee = grant.grantee();
            xml.open("Grant");
            if (grantee.kind() == Grantee.Kind.GROUP) {
                xml.open("Grantee", "xmlns:xsi", XSI_NS, "xsi:type", "Group").element("URI", grantee.value());
            } else {
                xml.open("Grantee", "xmlns:xsi", XSI_NS, "xsi:type", "CanonicalUser")
                        .element("ID", grantee.value())
                        .element("DisplayName", names.computeIfAbsent(grantee.value(), resolver::displayName));
            }
            xml.close("Grantee").element("Permission", grant.permission().name()).close("Grant");
        }
        return xml.close("AccessControlList").close("AccessControlPolicy").toBytes();
    }

    /**
     * The ACL of a policy document for a resource owned by {@code ownerId}, users resolved to canonical ids.
     * MalformedACLError when it does not follow the schema, AccessDenied when it names another owner.
     */
    public static AccessControlList parse(byte[] body, String ownerId, GranteeResolver resolver) {
        XmlElement policy = XmlElement.parse(body, "AccessControlPolicy", S3ErrorCode.MALFORMED_ACL_ERROR);
        XmlElement owner = policy.first("Owner");
        XmlElement list = policy.first("AccessControlList");
        if (owner == null || list == null) {
            throw malformed();
        }
        String claimedOwner = owner.childText("ID");
        if (claimedOwner == null || !claimedOwner.trim().equals(ownerId)) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        List<XmlElement> entries = list.all("Grant");
        if (entries.size() > AccessControlList.MAX_GRANTS) {
            throw malformed();
        }
        List<Grant> grants = new ArrayList<>(entries.size());
        for (XmlElement entry : entries) {
            XmlElement grantee = entry.first("Grantee");
            AclPermission permission = AclPermission.parse(trim(entry.childText("Permission")));
            if (grantee == null || permission == null) {
                throw malformed();
            }
            grants.add(new Grant(grantee(grantee, resolver), permission));
        }
        return new AccessControlList(grants);
    }

    private static Grantee grantee(XmlElement grantee, GranteeResolver resolver) {
        String type = grantee.attributes().get("type");
        if (type == null) {
            throw malformed();
        }
        return switch (type) {
            case "CanonicalUser" -> Grantee.user(resolver.requireUser(required(grantee, "ID")));
            case "AmazonCustomerByEmail" -> Grantee.user(resolver.userIdOfEmail(required(grantee, "EmailAddress")));
            case "Group" -> {
                String uri = required(grantee, "URI");
                if (!Grantee.isKnownGroup(uri)) {
                    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid group uri")
                            .element("ArgumentName", "Group/URI")
                            .element("ArgumentValue", uri);
                }
                yield new Grantee(Grantee.Kind.GROUP, uri);
            }
            default -> throw malformed();
        };
    }

    private static String required(XmlElement parent, String child) {
        String value = trim(parent.childText(child));
        if (value == null || value.isEmpty()) {
            throw malformed();
        }
        return value;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
    }
}
