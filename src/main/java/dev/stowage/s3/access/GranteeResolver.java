package dev.stowage.s3.access;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Turns the users an ACL names into canonical ids, and ids into display names, through the accounts. Called only
 * when an ACL is written or shown, never on the hot path of object requests: stored ACLs hold canonical ids.
 */
@ApplicationScoped
public class GranteeResolver {
    private final Accounts accounts;

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
        return accounts.findById(id).map(UserAccount::displayName).orElse(id);
    }
}
