package dev.stowage.accounts.db;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.NoSuchAccessKeyException;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.TooManyAccessKeysException;
import dev.stowage.accounts.UserAccount;
import dev.stowage.accounts.UserAlreadyExistsException;
import dev.stowage.accounts.UserOwnsBucketsException;
import dev.stowage.accounts.UserState;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account operations as reactive transactions on a Vert.x context, one per method. Refusals fail the returned
 * {@link Uni} with the {@link dev.stowage.accounts.AccountException} that says why (the transaction rolls back).
 * Every change to a user or its keys notifies {@code stowage_accounts} on commit (the schema's triggers do it).
 */
@ApplicationScoped
public class AccountTransactions {
    private final UserRepository users;
    private final AccessKeyRepository keys;
    private final BucketRepository buckets;

    AccountTransactions(UserRepository users, AccessKeyRepository keys, BucketRepository buckets) {
        this.users = users;
        this.keys = keys;
        this.buckets = buckets;
    }

    @WithTransaction
    public Uni<UserAccount> createUser(String email, boolean system) {
        return users.findByEmail(email).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(emailTaken(email));
            }
            UserEntity user = newUser(AccountIds.newUserId(), email, system);
            AccessKeyEntity key = newKey(user.id, AccountIds.newAccessKeyId(user.id), AccountIds.newSecret());
            return users.persist(user)
                    .flatMap(u -> keys.persist(key))
                    .flatMap(k -> users.flush())
                    .map(v -> toAccount(user, List.of(key)));
        });
    }

    /**
     * Creates the user unless it exists. Its email and key must not belong to another user; finding them on this
     * very user means another gateway created it a moment ago (each check sees the latest commits).
     */
    @WithTransaction
    public Uni<UserAccount> ensureUser(String userId, String email, boolean system, AccessKeyPair pair) {
        return users.findById(userId).flatMap(existing -> {
            if (existing != null) {
                return withKeys(existing);
            }
            return users.findByEmail(email).flatMap(sameEmail -> {
                if (sameEmail != null) {
                    return sameEmail.id.equals(userId) ? withKeys(sameEmail) : Uni.createFrom().failure(
                            new UserAlreadyExistsException("The email " + email + " belongs to user " + sameEmail.id
                                    + ", not to " + userId + "."));
                }
                return keys.findById(pair.accessKeyId()).flatMap(sameKey -> {
                    if (sameKey != null) {
                        return sameKey.userId.equals(userId) ? users.findById(userId).flatMap(this::withKeys)
                                : Uni.createFrom().failure(new UserAlreadyExistsException("The access key "
                                        + pair.accessKeyId() + " belongs to user " + sameKey.userId + ", not to "
                                        + userId + "."));
                    }
                    UserEntity user = newUser(userId, email, system);
                    AccessKeyEntity key = newKey(userId, pair.accessKeyId(), pair.secretAccessKey());
                    return users.persist(user)
                            .flatMap(u -> keys.persist(key))
                            .flatMap(k -> users.flush())
                            .map(v -> toAccount(user, List.of(key)));
                });
            });
        });
    }

    @WithSession
    public Uni<List<UserAccount>> listUsers() {
        return users.listByEmail().flatMap(all -> keys.listInCreationOrder().map(allKeys -> {
            Map<String, List<AccessKeyEntity>> byUser = new LinkedHashMap<>();
            for (AccessKeyEntity k : allKeys) {
                byUser.computeIfAbsent(k.userId, id -> new ArrayList<>()).add(k);
            }
            List<UserAccount> accounts = new ArrayList<>(all.size());
            for (UserEntity u : all) {
                accounts.add(toAccount(u, byUser.getOrDefault(u.id, List.of())));
            }
            return accounts;
        }));
    }

    @WithSession
    public Uni<Optional<UserAccount>> findByEmail(String email) {
        return users.findByEmail(email).flatMap(this::withKeysIfAny);
    }

    @WithSession
    public Uni<Optional<UserAccount>> findById(String userId) {
        return users.findById(userId).flatMap(this::withKeysIfAny);
    }

    @WithTransaction
    public Uni<UserAccount> setState(String userId, UserState state) {
        return lockUser(userId).flatMap(user -> {
            user.state = state;
            return users.flush().flatMap(v -> withKeys(user));
        });
    }

    @WithTransaction
    public Uni<AccessKeyPair> generateKey(String userId) {
        return lockUser(userId).flatMap(user -> keys.listOfUser(userId).flatMap(existing -> {
            if (existing.size() >= Accounts.MAX_KEYS_PER_USER) {
                return Uni.createFrom().failure(new TooManyAccessKeysException("User " + userId + " already has "
                        + existing.size() + " access keys, the most a user may have."));
            }
            Set<String> taken = new HashSet<>();
            existing.forEach(k -> taken.add(k.accessKeyId));
            String keyId;
            do {
                keyId = AccountIds.newAccessKeyId(userId);
            } while (taken.contains(keyId));
            AccessKeyEntity key = newKey(userId, keyId, AccountIds.newSecret());
            return keys.persist(key).flatMap(k -> keys.flush())
                    .map(v -> new AccessKeyPair(key.accessKeyId, key.secret));
        }));
    }

    @WithTransaction
    public Uni<Void> revokeKey(String userId, String accessKeyId) {
        return lockUser(userId).flatMap(user -> keys.findById(accessKeyId)).flatMap(key -> {
            if (key == null || !key.userId.equals(userId)) {
                return Uni.createFrom().failure(new NoSuchAccessKeyException(
                        "User " + userId + " has no access key " + accessKeyId + "."));
            }
            return keys.delete(key).flatMap(v -> keys.flush());
        });
    }

    @WithTransaction
    public Uni<Void> deleteUser(String userId) {
        return lockUser(userId).flatMap(user -> buckets.countOwnedBy(userId).flatMap(owned -> {
            if (owned > 0) {
                return Uni.createFrom().failure(ownsBuckets(userId, owned));
            }
            return keys.delete("userId", userId).flatMap(n -> users.delete(user)).flatMap(v -> users.flush());
        }));
    }

    @WithTransaction
    public Uni<Void> bucketCreated(BucketRecord bucket) {
        return buckets.upsert(bucket).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> bucketDeleted(String bucketName) {
        return buckets.deleteById(bucketName).replaceWithVoid();
    }

    @WithSession
    public Uni<List<BucketRecord>> listBuckets() {
        return buckets.listByName().map(rows -> rows.stream()
                .map(b -> new BucketRecord(b.name, b.ownerId, b.createdAt, b.epoch))
                .toList());
    }

    static UserAlreadyExistsException emailTaken(String email) {
        return new UserAlreadyExistsException("A user with the email " + email + " already exists.");
    }

    static UserOwnsBucketsException ownsBuckets(String userId, long owned) {
        return new UserOwnsBucketsException("User " + userId + " owns " + (owned > 0 ? owned + " " : "")
                + "buckets; delete them first.");
    }

    private Uni<UserEntity> lockUser(String userId) {
        return users.lockById(userId).onItem().ifNull()
                .failWith(() -> new NoSuchUserException("No user with the id " + userId + "."));
    }

    private Uni<UserAccount> withKeys(UserEntity user) {
        return keys.listOfUser(user.id).map(list -> toAccount(user, list));
    }

    private Uni<Optional<UserAccount>> withKeysIfAny(UserEntity user) {
        return user == null ? Uni.createFrom().item(Optional.empty()) : withKeys(user).map(Optional::of);
    }

    private static UserEntity newUser(String id, String email, boolean system) {
        UserEntity user = new UserEntity();
        user.id = id;
        user.email = email;
        user.state = UserState.ENABLED;
        user.ownerId = UserAccount.NO_OWNER;
        user.system = system;
        user.createdAt = now();
        return user;
    }

    private static AccessKeyEntity newKey(String userId, String keyId, String secret) {
        AccessKeyEntity key = new AccessKeyEntity();
        key.accessKeyId = keyId;
        key.userId = userId;
        key.secret = secret;
        key.createdAt = now();
        return key;
    }

    /** Microseconds, as PostgreSQL keeps them, so an entity reads the same before and after a round trip. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static UserAccount toAccount(UserEntity user, List<AccessKeyEntity> keyRows) {
        List<AccessKeyPair> pairs = keyRows.stream().map(k -> new AccessKeyPair(k.accessKeyId, k.secret)).toList();
        return new UserAccount(user.id, user.email, user.state, user.ownerId, user.system, pairs, user.createdAt);
    }
}
