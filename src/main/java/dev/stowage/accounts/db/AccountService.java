package dev.stowage.accounts.db;

import dev.stowage.db.Blocking;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.UserAccount;
import dev.stowage.accounts.UserAlreadyExistsException;
import dev.stowage.accounts.UserState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@link Accounts} on PostgreSQL: each call is one reactive transaction of {@link AccountTransactions}, awaited on
 * the caller's (virtual) thread. A change to a user reaches this gateway's credential cache before the call returns,
 * and every other gateway's through the {@code stowage_accounts} notification.
 */
@ApplicationScoped
public class AccountService implements Accounts {
    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private final AccountTransactions tx;
    private final DbCredentialStore credentials;

    AccountService(AccountTransactions tx, DbCredentialStore credentials) {
        this.tx = tx;
        this.credentials = credentials;
    }

    @Override
    public UserAccount createUser(String email, boolean system) {
        EmailAddresses.requireValid(email);
        UserAccount created = run(() -> tx.createUser(email, system), failure ->
                DatabaseErrors.is(failure, DatabaseErrors.UNIQUE_VIOLATION) ? AccountTransactions.emailTaken(email) : null);
        showInCache(created.id());
        return created;
    }

    @Override
    public UserAccount ensureUser(String userId, String email, boolean system, AccessKeyPair key) {
        if (!AccountIds.isUserId(userId)) {
            throw new IllegalArgumentException("a user id is 16 lower-case hex digits: " + userId);
        }
        EmailAddresses.requireValid(email);
        UserAccount user;
        try {
            user = run(() -> tx.ensureUser(userId, email, system, key), failure -> null);
        } catch (RuntimeException e) {
            // another gateway sharing the database created it at the same moment
            if (!DatabaseErrors.is(e, DatabaseErrors.UNIQUE_VIOLATION)) {
                throw e;
            }
            user = findById(userId).orElseThrow(() -> new UserAlreadyExistsException("User " + userId
                    + " cannot be created: its email or access key belongs to another user ("
                    + DatabaseErrors.constraint(e) + ")."));
        }
        showInCache(userId);
        return user;
    }

    @Override
    public List<UserAccount> listUsers() {
        return run(tx::listUsers, failure -> null);
    }

    @Override
    public Optional<UserAccount> findByEmail(String email) {
        return run(() -> tx.findByEmail(email), failure -> null);
    }

    @Override
    public Optional<UserAccount> findById(String userId) {
        return run(() -> tx.findById(userId), failure -> null);
    }

    @Override
    public UserAccount setState(String userId, UserState state) {
        UserAccount changed = run(() -> tx.setState(userId, state), failure -> null);
        showInCache(userId);
        return changed;
    }

    @Override
    public AccessKeyPair generateKey(String userId) {
        AccessKeyPair key = run(() -> tx.generateKey(userId), failure -> null);
        showInCache(userId);
        return key;
    }

    @Override
    public void revokeKey(String userId, String accessKeyId) {
        run(() -> tx.revokeKey(userId, accessKeyId), failure -> null);
        showInCache(userId);
    }

    @Override
    public void deleteUser(String userId) {
        // a bucket recorded for the user while it was being deleted makes the delete fail on the foreign key
        run(() -> tx.deleteUser(userId), failure -> DatabaseErrors.is(failure, DatabaseErrors.FOREIGN_KEY_VIOLATION)
                ? AccountTransactions.ownsBuckets(userId, 0)
                : null);
        showInCache(userId);
    }

    @Override
    public void bucketCreated(BucketRecord bucket) {
        run(() -> tx.bucketCreated(bucket), failure -> DatabaseErrors.is(failure, DatabaseErrors.FOREIGN_KEY_VIOLATION)
                ? new NoSuchUserException("No user with the id " + bucket.ownerId() + " to own bucket " + bucket.name() + ".")
                : null);
    }

    @Override
    public void bucketDeleted(String bucketName) {
        run(() -> tx.bucketDeleted(bucketName), failure -> null);
    }

    @Override
    public List<BucketRecord> listBuckets() {
        return run(tx::listBuckets, failure -> null);
    }

    /** Reloads the user's keys after a committed change; a failure here does not undo the change. */
    private void showInCache(String userId) {
        try {
            credentials.refresh(userId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "User %s changed but the credential cache could not reload it yet; the change notification"
                    + " or the next full reload will", userId);
        }
    }

    /**
     * Awaits one transaction. A refusal raised inside it is rethrown as is; {@code translate} may turn a database
     * error (a constraint another transaction won) into the refusal it means, or answer null to rethrow it.
     */
    private static <T> T run(Supplier<Uni<T>> work, Function<RuntimeException, RuntimeException> translate) {
        try {
            return Blocking.await(work);
        } catch (RuntimeException e) {
            var refusal = DatabaseErrors.accountError(e);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            RuntimeException translated = translate.apply(e);
            throw translated != null ? translated : e;
        }
    }
}
