package dev.stowage.auth;

/** Who sent a verified request. The anonymous principal has a null user id. */
public record Principal(String userId, String displayName, String accessKeyId, boolean system) {
    public static final Principal ANONYMOUS = new Principal(null, null, null, false);

    public boolean isAnonymous() {
        return userId == null;
    }
}
