package dev.stowage.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@link LimitsAdmin} against the database, and the {@link LimitCache} following every change. */
@QuarkusTest
class LimitsServiceTest {

    @Inject
    LimitsAdmin limits;

    @Inject
    LimitCache cache;

    @Inject
    Accounts accounts;

    @Inject
    Pool pool;

    @Test
    void set_userLimits_areKeptAndAnsweredWhole() {
        UserAccount user = accounts.createUser(TestEmails.fresh("limits"), false);
        LimitSubject subject = LimitSubject.user(user.id());

        assertThat(limits.get(subject).isEmpty()).isTrue();
        limits.set(subject, LimitKey.OPS_GET, 3600);
        LimitSet all = limits.set(subject, LimitKey.BANDWIDTH_OUT, 100);

        assertThat(all.get(LimitKey.OPS_GET)).isEqualTo(3600.0);
        assertThat(all.get(LimitKey.BANDWIDTH_OUT)).isEqualTo(100.0);
        assertThat(all.get(LimitKey.OPS_PUT)).isZero();
        assertThat(limits.get(subject)).isEqualTo(all);
        assertThat(cache.forUser(user.id())).isEqualTo(all);
        assertThat(cache.anyLimits()).isTrue();
    }

    @Test
    void set_fractionalOps_isKept() {
        UserAccount user = accounts.createUser(TestEmails.fresh("fraction"), false);
        LimitSubject subject = LimitSubject.user(user.id());
        assertThat(limits.set(subject, LimitKey.OPS_DEFAULT, 0.25).get(LimitKey.OPS_DEFAULT)).isEqualTo(0.25);
    }

    @Test
    void set_zero_removesThatLimitOnly() {
        UserAccount user = accounts.createUser(TestEmails.fresh("zero"), false);
        LimitSubject subject = LimitSubject.user(user.id());
        limits.set(subject, LimitKey.OPS_GET, 10);
        limits.set(subject, LimitKey.OPS_PUT, 20);

        LimitSet after = limits.set(subject, LimitKey.OPS_GET, 0);

        assertThat(after.get(LimitKey.OPS_GET)).isZero();
        assertThat(after.get(LimitKey.OPS_PUT)).isEqualTo(20.0);
        assertThat(cache.forUser(user.id())).isEqualTo(after);
    }

    @Test
    void reset_removesEveryLimitOfTheSubject() {
        UserAccount user = accounts.createUser(TestEmails.fresh("reset"), false);
        LimitSubject subject = LimitSubject.user(user.id());
        limits.set(subject, LimitKey.OPS_GET, 10);
        limits.set(subject, LimitKey.BANDWIDTH_OUT, 5);

        assertThat(limits.reset(subject).isEmpty()).isTrue();
        assertThat(limits.get(subject).isEmpty()).isTrue();
        assertThat(cache.forUser(user.id()).isEmpty()).isTrue();
    }

    @Test
    void unknownUser_isNoSuchUser() {
        LimitSubject nobody = LimitSubject.user("00000000deadbeef");
        assertThatThrownBy(() -> limits.get(nobody)).isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> limits.set(nobody, LimitKey.OPS_GET, 1)).isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> limits.reset(nobody)).isInstanceOf(NoSuchUserException.class);
        assertThatThrownBy(() -> limits.get(LimitSubject.user("not-a-user-id"))).isInstanceOf(NoSuchUserException.class);
    }

    @Test
    void unknownBucket_isNoSuchLimitBucket() {
        LimitSubject nothing = LimitSubject.bucket(TestEmails.freshBucket("nothing"));
        assertThatThrownBy(() -> limits.get(nothing)).isInstanceOf(NoSuchLimitBucketException.class);
        assertThatThrownBy(() -> limits.set(nothing, LimitKey.OPS_GET, 1))
                .isInstanceOf(NoSuchLimitBucketException.class);
        assertThatThrownBy(() -> limits.reset(nothing)).isInstanceOf(NoSuchLimitBucketException.class);
    }

    @Test
    void deletedUser_takesItsLimitsAlong() {
        UserAccount user = accounts.createUser(TestEmails.fresh("gone"), false);
        LimitSubject subject = LimitSubject.user(user.id());
        limits.set(subject, LimitKey.OPS_GET, 10);

        accounts.deleteUser(user.id());

        assertThat(countRows("user", user.id())).isZero();
        awaitTrue(() -> cache.forUser(user.id()).isEmpty());
    }

    @Test
    void deletedBucket_takesItsLimitsAlong_andANewBucketOfThatNameStartsWithout() {
        UserAccount owner = accounts.createUser(TestEmails.fresh("owner"), false);
        String name = TestEmails.freshBucket("limited");
        accounts.bucketCreated(new BucketRecord(name, owner.id(), Instant.now().truncatedTo(ChronoUnit.MICROS), 1));
        LimitSubject subject = LimitSubject.bucket(name);
        limits.set(subject, LimitKey.OPS_LIST, 7);
        assertThat(cache.forBucket(name).get(LimitKey.OPS_LIST)).isEqualTo(7.0);

        accounts.bucketDeleted(name);

        assertThat(countRows("bucket", name)).isZero();
        awaitTrue(() -> cache.forBucket(name).isEmpty());
        accounts.bucketCreated(new BucketRecord(name, owner.id(), Instant.now().truncatedTo(ChronoUnit.MICROS), 2));
        assertThat(limits.get(subject).isEmpty()).isTrue();
    }

    @Test
    void changeMadeElsewhere_reachesTheCacheWithinASecond() {
        // as another gateway sharing the database (or psql) would: straight into the table, no cache refresh here
        UserAccount user = accounts.createUser(TestEmails.fresh("elsewhere"), false);
        pool.preparedQuery("insert into limits (subject_kind, subject_id, limit_key, value) values ('user', $1, 'ops:put', 42)")
                .execute(Tuple.of(user.id())).await().atMost(Duration.ofSeconds(10));

        awaitTrue(() -> cache.forUser(user.id()).get(LimitKey.OPS_PUT) == 42.0);

        pool.preparedQuery("delete from limits where subject_kind = 'user' and subject_id = $1")
                .execute(Tuple.of(user.id())).await().atMost(Duration.ofSeconds(10));
        awaitTrue(() -> cache.forUser(user.id()).isEmpty());
    }

    private long countRows(String kind, String id) {
        return pool.preparedQuery("select count(*) as n from limits where subject_kind = $1 and subject_id = $2")
                .execute(Tuple.of(kind, id)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("n");
    }

    /**
     * Polls the condition a bounded number of times (20 ms apart, about 5 s in all) and asserts it then holds;
     * the assertion is on the outcome, not on how long propagation took.
     */
    static void awaitTrue(BooleanSupplier condition) {
        boolean holds = condition.getAsBoolean();
        for (int attempt = 0; attempt < 250 && !holds; attempt++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            holds = condition.getAsBoolean();
        }
        assertThat(holds).as("the cache shows the change").isTrue();
    }
}
