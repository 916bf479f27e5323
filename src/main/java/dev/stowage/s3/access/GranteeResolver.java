package dev.stowage.s3.access;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the users an ACL names into canonical ids, and ids into display names, through the accounts. Called when an
 * ACL is written or shown and when a listing shows owners, never on the hot path of object requests: stored ACLs
 * hold canonical ids. Display names are remembered for a minute, so that a listing of a thousand objects costs at
 * most one account lookup per owner; a display name comes from the email, which does not change.
 */
@ApplicationScoped
public class GranteeResolver {
    private static final long NAME_TTL_NANOS = 60_000_000_000L;
    private static final int MAX_NAMES = 10_000;

    private final Accounts accounts;
    private final Map<String, CachedName> names = new ConcurrentHashMap<>();

    private record CachedName(String name, long expiresAt) {}

    public GranteeResolver(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The canonical id of the user with that email; UnresolvableGrantByEmailAddress when there is none. */
    public String userIdOfEmail(String email) {
        Optional<UserAccount> user = email == null || email.isBlank() ? Optional.empty() : accounts.findByEmail(email.trim());
        return user.map(UserAccount::id).orElseThrow(() ->
                new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS).element("EmailAddress", email));
    }

    /** {@code id} itself when a user has it; InvalidArgument "Invalid id" otherwise, as AWS answers. */
    public String requireUser(String id) {
        if (id == null || id.isBlank() || accounts.findById(id.trim()).isEmpty()) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid id")
                    .element("ArgumentName", "CanonicalUser/ID")
                    .element("ArgumentValue", id);
        }
        return id.trim();
    }

    /** What AWS shows as a user's DisplayName: the email's local part, as ListBuckets shows it; the id when unknown. */
    public String displayName(String id) {
        long now = System.nanoTime();
        CachedName cached = names.get(id);
        if (cached != null && now - cached.expiresAt() < 0) {
            return cached.name();
        }
        String name = accounts.findById(id).map(UserAccount::displayName).orElse(id);
        if (names.size() >= MAX_NAMES) {
            names.clear();
        }
        names.put(id, new CachedName(name, now + NAME_TTL_NANOS));
        return name;
    }
}
