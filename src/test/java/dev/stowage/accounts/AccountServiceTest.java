package dev.stowage.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link Accounts} operation and its refusals, against the accounts database. */
@QuarkusTest
class AccountServiceTest {

    @Inject
    Accounts accounts;

    // ---- createUser ---------------------------------------------------------------------------------------

    @Test
    void createUser_validEmail_isEnabledTopLevelUserWithOneOstorShapedKey() {
        String email = TestEmails.fresh("create");
        UserAccount user = accounts.createUser(email, false);

        assertThat(user.id()).matches("[0-9a-f]{16}");
        assertThat(user.email()).isEqualTo(email);
        assertThat(user.state()).isEqualTo(UserState.ENABLED);
        assertThat(user.ownerId()).isEqualTo(UserAccount.NO_OWNER);
        assertThat(user.system()).isFalse();
        assertThat(user.created()).isBetween(Instant.now().minus(1, ChronoUnit.MINUTES), Instant.now());
        assertThat(user.keys()).hasSize(1);
        AccessKeyPair key = user.keys().get(0);
        assertThat(key.accessKeyId()).matches(user.id() + "[A-Z0-9]{4}");
        assertThat(key.secretAccessKey()).matches("[A-Za-z0-9]{40}");
        assertThat(accounts.findById(user.id())).contains(user);
    }

    @Test
    void createUser_systemFlag_isKept() {
        UserAccount user = accounts.createUser(TestEmails.fresh("admin"), true);
        assertThat(user.system()).isTrue();
        assertThat(accounts.findById(user.id()).orElseThrow().system()).isTrue();
    }

    @Test
    void createUser_sameEmailTwice_isRefused() {
        String email = TestEmails.fresh("twice");
        accounts.createUser(email, false);
        assertThatThrownBy(() -> accounts.createUser(email, false))
                .isInstanceOf(UserAlreadyExistsException.class)
                .hasMessageContaining(email);
    }

    @Test
    void createUser_sameEmailInOtherCase_isRefused() {
        String email = TestEmails.fresh("Case");
        accounts.createUser(email, false);
        assertThatThrownBy(() -> accounts.createUser(email.toUpperCase(Locale.ROOT), false))
                .isInstanceOf(UserAlreadyExistsException.class);
    }

    @Test
    void createUser_mixedCaseEmail_isKeptAsGiven() {
        String email = "Mixed.Case-" + TestEmails.fresh("X");
        assertThat(accounts.createUser(email, false).email()).isEqualTo(email);
        assertThat(accounts.findByEmail(email).orElseThrow().email()).isEqualTo(email);
    }

    @Test
    void createUser_invalidEmails_areRefused() {
        for (String email : List.of("", "plain", "no-domain@", "@example.com", "a@b", "two@@example.com",
                "sp ace@example.com", " lead@example.com", "trail@example.com ", "a@.example.com",
                "a@example..com", "a@-example.com", "dot.@example.com", "a@example.123", "tab\t@example.com")) {
            assertThatThrownBy(() -> accounts.createUser(email, false)).as("'%s'", email)
                    .isInstanceOf(InvalidEmailException.class);
        }
        assertThatThrownBy(() -> accounts.createUser(null, false)).isInstanceOf(InvalidEmailException.class);
    }

    @Test
    void createUser_concurrentlyWithSameEmail_exactlyOneSucceeds() throws Exception {
        String email = TestEmails.fresh("race");
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<UserAccount>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<UserAccount> create = () -> accounts.createUser(email, false);
                results.add(pool.submit(create));
            }
            int created = 0;
            int refused = 0;
            for (Future<UserAccount> r : results) {
                try {
                    r.get();
                    created++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(UserAlreadyExistsException.class);
                    refused++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(refused).isEqualTo(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- ensureUser ---------------------------------------------------------------------------------------

    @Test
    void ensureUser_unknownUser_isCreatedWithThatKey() {
        String id = randomUserId();
        AccessKeyPair key = new AccessKeyPair(id + "BOOT", "BootSecretBootSecretBootSecretBootSecret");
        UserAccount user = accounts.ensureUser(id, TestEmails.fresh("boot"), true, key);
        assertThat(user.id()).isEqualTo(id);
        assertThat(user.system()).isTrue();
        assertThat(user.keys()).containsExactly(key);
    }

    @Test
    void ensureUser_existingUser_isReturnedUnchanged() {
        String id = randomUserId();
        String email = TestEmails.fresh("again");
        UserAccount first = accounts.ensureUser(id, email, true, new AccessKeyPair(id + "AAAA", "s".repeat(40)));
        UserAccount second = accounts.ensureUser(id, email, true, new AccessKeyPair(id + "BBBB", "t".repeat(40)));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void ensureUser_concurrently_allGetTheSameUser() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 10; round++) {
                String id = randomUserId();
                String email = TestEmails.fresh("replicas");
                AccessKeyPair key = new AccessKeyPair(id + "REPL", "ReplicaSecretReplicaSecretReplicaSecret0");
                List<Future<UserAccount>> results = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    results.add(pool.submit(() -> accounts.ensureUser(id, email, true, key)));
                }
                for (Future<UserAccount> r : results) {
                    assertThat(r.get().keys()).containsExactly(key);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ensureUser_emailOfAnotherUser_isRefused() {
        String email = TestEmails.fresh("taken");
        accounts.createUser(email, false);
        String id = randomUserId();
        assertThatThrownBy(() -> accounts.ensureUser(id, email, true, new AccessKeyPair(id + "TAKN", "s".repeat(40))))
                .isInstanceOf(UserAlreadyExistsException.class);
    }

    @Test
    void ensureUser_keyOfAnotherUser_isRefused() {
        UserAccount other = accounts.createUser(TestEmails.fresh("keyowner"), false);
        String id = randomUserId();
        AccessKeyPair stolen = new AccessKeyPair(other.keys().get(0).accessKeyId(), "s".repeat(40));
        assertThatThrownBy(() -> accounts.ensureUser(id, TestEmails.fresh("thief"), false, stolen))
                .isInstanceOf(UserAlreadyExistsException.class);
    }

    @Test
    void ensureUser_idNotSixteenHexDigits_isRefused() {
        assertThatThrownBy(() -> accounts.ensureUser("NOT-A-USER-ID", TestEmails.fresh("bad"), false,
                new AccessKeyPair("k", "s"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- listUsers, findByEmail, findById -------------------------------------------------------------------

    @Test
    void listUsers_showsEveryUserOrderedByEmailWithTheirKeys() {
        String tag = TestEmails.freshBucket("list");
        UserAccount c = accounts.createUser("c-" + tag + "@example.com", false);
        UserAccount a = accounts.createUser("a-" + tag + "@example.com", false);
        UserAccount b = accounts.createUser("B-" + tag + "@example.com", false);
        accounts.generateKey(b.id());

        List<UserAccount> mine = accounts.listUsers().stream().filter(u -> u.email().contains(tag)).toList();
        assertThat(mine).extracting(UserAccount::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(mine.get(1).keys()).hasSize(2);
        assertThat(accounts.listUsers()).extracting(UserAccount::id).contains("0123456789abcdef");
    }

    @Test
    void findByEmail_inOtherCase_findsTheUser() {
        String email = TestEmails.fresh("find");
        UserAccount user = accounts.createUser(email, false);
        assertThat(accounts.findByEmail(email)).contains(user);
        assertThat(accounts.findByEmail(email.toUpperCase(Locale.ROOT))).contains(user);
    }

    @Test
    void findByEmailAndId_unknown_areEmpty() {
        assertThat(accounts.findByEmail(TestEmails.fresh("nobody"))).isEmpty();
        assertThat(accounts.findById(randomUserId())).isEmpty();
    }

    // ---- setState -----------------------------------------------------------------------------------------

    @Test
    void setState_disableThenEnable_isStoredEachTime() {
        UserAccount user = accounts.createUser(TestEmails.fresh("state"), false);
        assertThat(accounts.setState(user.id(), UserState.DISABLED).state()).isEqualTo(UserState.DISABLED);
        assertThat(accounts.findById(user.id()).orElseThrow().state()).isEqualTo(UserState.DISABLED);
        assertThat(accounts.setState(user.id(), UserState.ENABLED).state()).isEqualTo(UserState.ENABLED);
        assertThat(accounts.findById(user.id()).orElseThrow().state()).isEqualTo(UserState.ENABLED);
    }

    @Test
    void setState_unknownUser_isNoSuchUser() {
        assertThatThrownBy(() -> accounts.setState(randomUserId(), UserState.DISABLED))
                .isInstanceOf(NoSuchUserException.class);
    }

    // ---- generateKey, revokeKey ------------------------------------------------------------------------------

    @Test
    void generateKey_secondKey_comesAfterTheFirst() {
        UserAccount user = accounts.createUser(TestEmails.fresh("genkey"), false);
        AccessKeyPair second = accounts.generateKey(user.id());
        assertThat(second.accessKeyId()).matches(user.id() + "[A-Z0-9]{4}").isNotEqualTo(user.keys().get(0).accessKeyId());
        assertThat(second.secretAccessKey()).matches("[A-Za-z0-9]{40}");
        assertThat(accounts.findById(user.id()).orElseThrow().keys()).containsExactly(user.keys().get(0), second);
    }

    @Test
    void generateKey_beyondTwoKeys_isTooManyAccessKeys() {
        UserAccount user = accounts.createUser(TestEmails.fresh("toomany"), false);
        accounts.generateKey(user.id());
        assertThatThrownBy(() -> accounts.generateKey(user.id())).isInstanceOf(TooManyAccessKeysException.class);
        assertThat(accounts.findById(user.id()).orElseThrow().keys()).hasSize(Accounts.MAX_KEYS_PER_USER);
    }

    @Test
    void generateKey_unknownUser_isNoSuchUser() {
        assertThatThrownBy(() -> accounts.generateKey(randomUserId())).isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void revokeKey_ownKey_removesOnlyThatKey() {
        UserAccount user = accounts.createUser(TestEmails.fresh("revoke"), false);
        AccessKeyPair second = accounts.generateKey(user.id());
        accounts.revokeKey(user.id(), user.keys().get(0).accessKeyId());
        assertThat(accounts.findById(user.id()).orElseThrow().keys()).containsExactly(second);
        // a slot is free again
        accounts.generateKey(user.id());
    }

    @Test
    void revokeKey_unknownKey_isNoSuchAccessKey() {
        UserAccount user = accounts.createUser(TestEmails.fresh("nokey"), false);
        assertThatThrownBy(() -> accounts.revokeKey(user.id(), user.id() + "ZZZZ"))
                .isInstanceOf(NoSuchAccessKeyException.class);
    }

    @Test
    void revokeKey_keyOfAnotherUser_isNoSuchAccessKeyAndKeepsIt() {
        UserAccount owner = accounts.createUser(TestEmails.fresh("owner"), false);
        UserAccount other = accounts.createUser(TestEmails.fresh("other"), false);
        String key = owner.keys().get(0).accessKeyId();
        assertThatThrownBy(() -> accounts.revokeKey(other.id(), key)).isInstanceOf(NoSuchAccessKeyException.class);
        assertThat(accounts.findById(owner.id()).orElseThrow().keys()).hasSize(1);
    }

    @Test
    void revokeKey_unknownUser_isNoSuchUser() {
        assertThatThrownBy(() -> accounts.revokeKey(randomUserId(), "whatever")).isInstanceOf(NoSuchUserException.class);
    }

    // ---- deleteUser, buckets ---------------------------------------------------------------------------------

    @Test
    void deleteUser_withoutBuckets_removesUserAndKeys() {
        UserAccount user = accounts.createUser(TestEmails.fresh("delete"), false);
        accounts.generateKey(user.id());
        accounts.deleteUser(user.id());
        assertThat(accounts.findById(user.id())).isEmpty();
        assertThat(accounts.findByEmail(user.email())).isEmpty();
        // the email is free again
        accounts.createUser(user.email(), false);
    }

    @Test
    void deleteUser_ownsBuckets_isRefusedUntilTheyAreDeleted() {
        UserAccount user = accounts.createUser(TestEmails.fresh("bucketowner"), false);
        String bucket = TestEmails.freshBucket("owned");
        accounts.bucketCreated(new BucketRecord(bucket, user.id(), Instant.now(), 1));

        assertThatThrownBy(() -> accounts.deleteUser(user.id())).isInstanceOf(UserOwnsBucketsException.class);
        assertThat(accounts.findById(user.id())).isPresent();

        accounts.bucketDeleted(bucket);
        accounts.deleteUser(user.id());
        assertThat(accounts.findById(user.id())).isEmpty();
    }

    @Test
    void deleteUser_unknownUser_isNoSuchUser() {
        assertThatThrownBy(() -> accounts.deleteUser(randomUserId())).isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void bucketCreated_isListedWithOwnerDateAndEpochInNameOrder() {
        UserAccount user = accounts.createUser(TestEmails.fresh("lister"), false);
        String tag = TestEmails.freshBucket("listed");
        Instant created = Instant.parse("2024-05-06T07:08:09.123456Z");
        accounts.bucketCreated(new BucketRecord(tag + "-b", user.id(), created, 7));
        accounts.bucketCreated(new BucketRecord(tag + "-a", user.id(), created, 8));

        assertThat(accounts.listBuckets().stream().filter(b -> b.name().startsWith(tag)).toList()).containsExactly(
                new BucketRecord(tag + "-a", user.id(), created, 8),
                new BucketRecord(tag + "-b", user.id(), created, 7));
    }

    @Test
    void bucketCreated_nameCreatedAgain_replacesOwnerDateAndEpoch() {
        UserAccount first = accounts.createUser(TestEmails.fresh("first"), false);
        UserAccount second = accounts.createUser(TestEmails.fresh("second"), false);
        String name = TestEmails.freshBucket("reborn");
        accounts.bucketCreated(new BucketRecord(name, first.id(), Instant.parse("2024-01-01T00:00:00Z"), 1));
        BucketRecord again = new BucketRecord(name, second.id(), Instant.parse("2024-02-02T00:00:00Z"), 2);
        accounts.bucketCreated(again);
        assertThat(accounts.listBuckets()).contains(again).filteredOn(b -> b.name().equals(name)).hasSize(1);
    }

    @Test
    void bucketCreated_unknownOwner_isNoSuchUser() {
        assertThatThrownBy(() -> accounts.bucketCreated(
                new BucketRecord(TestEmails.freshBucket("orphan"), randomUserId(), Instant.now(), 1)))
                .isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void bucketDeleted_unknownBucket_isQuiet() {
        accounts.bucketDeleted(TestEmails.freshBucket("never"));
    }

    private static String randomUserId() {
        return String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }
}
