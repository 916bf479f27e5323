package dev.stowage.accounts;

import java.time.Instant;
import java.util.List;

/**
 * A user as the ostor services show it. {@code ownerId} is the owning account's id ("0000000000000000" for a
 * top-level user) — room for the partner → customer → user hierarchy. Keys in creation order: the first key of a
 * new user is element 0.
 */
public record UserAccount(String id, String email, UserState state, String ownerId, boolean system,
        List<AccessKeyPair> keys, Instant created) {

    public static final String NO_OWNER = "0000000000000000";

    /** What ListAllMyBuckets shows as DisplayName: the email's local part, as ostor does. */
    public String displayName() {
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : email;
    }
}
