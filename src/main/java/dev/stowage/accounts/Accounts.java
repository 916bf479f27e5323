package dev.stowage.accounts;

import java.util.List;
import java.util.Optional;

/**
 * Users, their access keys and bucket ownership, held durably (PostgreSQL through Hibernate Reactive). A blocking
 * facade: callers are virtual threads of the request pipeline or the CLI-facing admin handlers; implementations run
 * the reactive work on a Vert.x context and wait for it. Never called on the hot path of object requests (the
 * {@link dev.stowage.auth.CredentialStore} answers those from memory).
 *
 * <p>Failures are the {@link AccountException} subclasses of this package.
 */
public interface Accounts {

    /** Creates a user with one key pair. {@link UserAlreadyExistsException}, {@link InvalidEmailException}. */
    UserAccount createUser(String email, boolean system);

    /** Creates (or, when it exists, returns) the user of a known key pair: the first-start system user. */
    UserAccount ensureUser(String userId, String email, boolean system, AccessKeyPair key);

    /** All users, ordered by email. */
    List<UserAccount> listUsers();

    Optional<UserAccount> findByEmail(String email);

    Optional<UserAccount> findById(String userId);

    /** Enables or disables a user; {@link NoSuchUserException}. */
    UserAccount setState(String userId, UserState state);

    /** Adds a key pair (at most {@value #MAX_KEYS_PER_USER}); {@link TooManyAccessKeysException}. */
    AccessKeyPair generateKey(String userId);

    /** Removes a key pair; {@link NoSuchAccessKeyException}. */
    void revokeKey(String userId, String accessKeyId);

    /** Deletes a user and its keys; {@link UserOwnsBucketsException} while it owns buckets. */
    void deleteUser(String userId);

    /** Records a bucket's owner, creation date and epoch (called after the store created it). */
    void bucketCreated(BucketRecord bucket);

    /** Forgets a bucket (called after the store deleted it). */
    void bucketDeleted(String bucketName);

    /** Every bucket, ordered by name. */
    List<BucketRecord> listBuckets();

    int MAX_KEYS_PER_USER = 2;
}
