package dev.stowage.s3.access;

/**
 * Who a grant is for, once resolved: a user by canonical id (the gateway's user id; a grant by email is stored
 * as the id the email belonged to when the ACL was written) or one of AWS's predefined groups by URI.
 */
public record Grantee(Kind kind, String value) {
    public static final String ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public static final Grantee ALL_USERS = new Grantee(Kind.GROUP, ALL_USERS_URI);
    public static final Grantee AUTHENTICATED_USERS = new Grantee(Kind.GROUP, AUTHENTICATED_USERS_URI);

    public enum Kind {
        CANONICAL_USER,
        GROUP
    }

    public static Grantee user(String canonicalId) {
        return new Grantee(Kind.CANONICAL_USER, canonicalId);
    }

    /** Whether a group URI is one AWS defines. */
    public static boolean isKnownGroup(String uri) {
        return ALL_USERS_URI.equals(uri) || AUTHENTICATED_USERS_URI.equals(uri) || LOG_DELIVERY_URI.equals(uri);
    }

    /** Whether this grantee covers the caller ({@code userId} null for an anonymous request). */
    public boolean covers(String userId) {
        return switch (kind) {
            case CANONICAL_USER -> value.equals(userId);
            case GROUP -> ALL_USERS_URI.equals(value) || (userId != null && AUTHENTICATED_USERS_URI.equals(value));
        };
    }
}
