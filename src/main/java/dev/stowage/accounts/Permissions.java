package dev.stowage.accounts;

import java.util.Set;

/**
 * The permissions granted to users, held with the accounts. Blocking, like {@link Accounts}; read by the metering
 * endpoint per request (not on the hot path of object requests).
 */
public interface Permissions {

    /** The user's permissions (empty when none or no such user). */
    Set<Permission> of(String userId);

    /** Grants or revokes one permission; {@link NoSuchUserException} when the user does not exist. */
    void set(String userId, Permission permission, boolean granted);
}
