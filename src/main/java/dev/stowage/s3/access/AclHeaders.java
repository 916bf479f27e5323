package dev.stowage.s3.access;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ACL a request sets by header: {@code x-amz-acl} (a canned ACL) or the {@code x-amz-grant-*} headers, whose
 * values list grantees as {@code id="..."}, {@code emailAddress="..."} or {@code uri="..."}, comma-separated. Users
 * are resolved to canonical ids here, when the ACL is written.
 */
public final class AclHeaders {
    /** The grant headers and the permission each grants, in AWS's order. */
    private static final List<Object[]> GRANT_HEADERS = List.of(
            new Object[] {S3Headers.X_AMZ_GRANT_FULL_CONTROL, AclPermission.FULL_CONTROL},
            new Object[] {S3Headers.X_AMZ_GRANT_READ, AclPermission.READ},
            new Object[] {S3Headers.X_AMZ_GRANT_WRITE, AclPermission.WRITE},
            new Object[] {S3Headers.X_AMZ_GRANT_READ_ACP, AclPermission.READ_ACP},
            new Object[] {S3Headers.X_AMZ_GRANT_WRITE_ACP, AclPermission.WRITE_ACP});

    private AclHeaders() {}

    /** Whether the request carries any ACL header. */
    public static boolean present(RequestHead head) {
        if (head.header(S3Headers.X_AMZ_ACL) != null) {
            return true;
        }
        for (Object[] h : GRANT_HEADERS) {
            if (head.header((String) h[0]) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ACL the headers set on a resource of {@code ownerId} ({@code bucketOwnerId}: the bucket's owner for an
     * object, null for a bucket), or null when there are none. InvalidRequest when both a canned ACL and grants
     * are given, InvalidArgument for an unknown canned ACL or a malformed grant.
     */
    public static AccessControlList parse(RequestHead head, String ownerId, String bucketOwnerId,
            GranteeResolver resolver) {
        String canned = head.header(S3Headers.X_AMZ_ACL);
        List<Grant> grants = new ArrayList<>();
        boolean anyGrant = false;
        for (Object[] h : GRANT_HEADERS) {
            String name = (String) h[0];
            for (String value : head.headerValues(name)) {
                anyGrant = true;
                if (canned == null) {
                    grants.addAll(grantsOf(name, value, (AclPermission) h[1], resolver));
                }
            }
        }
        if (canned != null && anyGrant) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (canned != null) {
            CannedAcl acl = CannedAcl.parse(canned.trim());
            if (acl == null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "")
                        .element("ArgumentName", S3Headers.X_AMZ_ACL)
                        .element("ArgumentValue", canned);
            }
            return acl.acl(ownerId, bucketOwnerId);
        }
        if (!anyGrant) {
            return null;
        }
        if (grants.size() > AccessControlList.MAX_GRANTS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
        }
        return new AccessControlList(grants);
    }

    private static List<Grant> grantsOf(String header, String value, AclPermission permission, GranteeResolver resolver) {
        List<Grant> grants = new ArrayList<>();
        for (String item : splitOutsideQuotes(value)) {
            String entry = item.trim();
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw badGrant(header, value);
            }
            String type = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String who = unquote(entry.substring(eq + 1).trim());
            Grantee grantee = switch (type) {
                case "id" -> Grantee.user(resolver.requireUser(who));
                case "emailaddress" -> Grantee.user(resolver.userIdOfEmail(who));
                case "uri" -> {
                    if (!Grantee.isKnownGroup(who)) {
                        throw badGrant(header, value);
                    }
                    yield new Grantee(Grantee.Kind.GROUP, who);
                }
                default -> throw badGrant(header, value);
            };
            grants.add(new Grant(grantee, permission));
        }
        return grants;
    }

    private static List<String> splitOutsideQuotes(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static S3Exception badGrant(String header, String value) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Argument format not recognized")
                .element("ArgumentName", header)
                .element("ArgumentValue", value);
    }
}
