package dev.stowage.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The enforcer over a hand-filled cache: which limits apply, both subjects, replicas, idle meters. */
class LimitEnforcerTest {
    private static final String USER = "00000000000000aa";
    private static final String BUCKET = "some-bucket";

    /** A clock that stands still unless a test moves it: no refill between back-to-back requests. */
    private final AtomicLong clock = new AtomicLong(-42_000_000_000L);

    /** A cache that answers what the test put in it. */
    static final class FakeCache implements LimitCache {
        final Map<String, LimitSet> users = new HashMap<>();
        final Map<String, LimitSet> buckets = new HashMap<>();

        @Override
        public LimitSet forUser(String userId) {
            return users.getOrDefault(userId, LimitSet.NONE);
        }

        @Override
        public LimitSet forBucket(String bucket) {
            return buckets.getOrDefault(bucket, LimitSet.NONE);
        }

        @Override
        public boolean anyLimits() {
            return !users.isEmpty() || !buckets.isEmpty();
        }
    }

    static LimitSet limits(LimitKey key, double value) {
        return LimitSet.NONE.with(key, value);
    }

    /** How many of n back-to-back requests pass. */
    private static int admitted(LimitEnforcer enforcer, RequestClass cls, String user, String bucket, int n) {
        int passed = 0;
        for (int i = 0; i < n; i++) {
            try {
                enforcer.admit(cls, user, bucket);
                passed++;
            } catch (RequestRateExceededException e) {
                assertThat(e.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
            }
        }
        return passed;
    }

    @Test
    void admit_noLimitsAnywhere_passesWithoutThrottleOrMeters() {
        LimitEnforcer enforcer = new LimitEnforcer(new FakeCache(), 1, clock::get);
        assertThat(admitted(enforcer, RequestClass.GET, USER, BUCKET, 1000)).isEqualTo(1000);
        assertThat(enforcer.admit(RequestClass.GET, USER, BUCKET)).isNull();
        assertThat(enforcer.meterCount()).isZero();
    }

    @Test
    void admit_userGetLimit_governsGetsOnly() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 5));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);

        assertThat(admitted(enforcer, RequestClass.GET, USER, BUCKET, 7)).isEqualTo(5);
        assertThat(admitted(enforcer, RequestClass.PUT, USER, BUCKET, 50)).isEqualTo(50);
        assertThat(admitted(enforcer, RequestClass.GET, "00000000000000bb", BUCKET, 50)).isEqualTo(50);
    }

    @Test
    void admit_defaultLimit_governsEachClassWithoutItsOwn() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_DEFAULT, 3).with(LimitKey.OPS_LIST, 10));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);

        assertThat(admitted(enforcer, RequestClass.PUT, USER, null, 10)).isEqualTo(3);
        assertThat(admitted(enforcer, RequestClass.DELETE, USER, null, 10)).isEqualTo(3);
        assertThat(admitted(enforcer, RequestClass.LIST, USER, null, 20)).isEqualTo(10);
    }

    @Test
    void admit_bucketLimit_appliesToEveryUserAndAnonymousToo() {
        FakeCache cache = new FakeCache();
        cache.buckets.put(BUCKET, limits(LimitKey.OPS_GET, 4));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);

        assertThat(admitted(enforcer, RequestClass.GET, USER, BUCKET, 2)).isEqualTo(2);
        assertThat(admitted(enforcer, RequestClass.GET, "00000000000000bb", BUCKET, 1)).isEqualTo(1);
        assertThat(admitted(enforcer, RequestClass.GET, null, BUCKET, 5)).isEqualTo(1);
        assertThat(admitted(enforcer, RequestClass.GET, USER, "other-bucket", 20)).isEqualTo(20);
    }

    @Test
    void admit_bothLimits_bothChecked_andARefusalByTheBucketCostsTheUserNothing() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 5));
        cache.buckets.put(BUCKET, limits(LimitKey.OPS_GET, 2));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 3; i++) {
                enforcer.admit(RequestClass.GET, USER, BUCKET);
            }
        }).isInstanceOfSatisfying(RequestRateExceededException.class,
                e -> assertThat(e.subject()).isEqualTo(LimitSubject.bucket(BUCKET)));
        // two passed the user's meter and the third was given back: three more fit elsewhere
        assertThat(admitted(enforcer, RequestClass.GET, USER, "other-bucket", 4)).isEqualTo(3);
    }

    @Test
    void admit_replicas_eachEnforcesItsShare() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 12));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 3, clock::get);
        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 12)).isEqualTo(4);
    }

    @Test
    void admit_limitChanged_newRateAppliesAtOnce() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 1));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);
        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 3)).isEqualTo(1);

        cache.users.put(USER, limits(LimitKey.OPS_GET, 100));
        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 50)).isEqualTo(50);
        cache.users.remove(USER);
        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 500)).isEqualTo(500);
    }

    @Test
    void admit_bandwidth_givesAThrottleForTheUserOrTheBucket() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 100));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);
        assertThat(enforcer.admit(RequestClass.GET, USER, BUCKET)).isNull();

        cache.buckets.put(BUCKET, limits(LimitKey.BANDWIDTH_OUT, 100));
        BodyThrottle throttle = enforcer.admit(RequestClass.GET, USER, BUCKET);
        assertThat(throttle).isNotNull();
        assertThat(throttle.chunkSize()).isEqualTo(100 * 1024 / 8);

        cache.users.put(USER, limits(LimitKey.BANDWIDTH_OUT, 1000));
        assertThat(enforcer.admit(RequestClass.GET, USER, BUCKET).chunkSize()).isEqualTo(100 * 1024 / 8);
    }

    @Test
    void dropIdleMeters_dropsOnlyMetersIdleForAMinute() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 5).with(LimitKey.BANDWIDTH_OUT, 10));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);
        enforcer.admit(RequestClass.GET, USER, null);
        assertThat(enforcer.meterCount()).isEqualTo(2);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(30));
        enforcer.dropIdleMeters();
        assertThat(enforcer.meterCount()).isEqualTo(2);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(40));
        enforcer.dropIdleMeters();
        assertThat(enforcer.meterCount()).isZero();
    }

    @Test
    void admit_afterASecond_theBurstIsBack() {
        FakeCache cache = new FakeCache();
        cache.users.put(USER, limits(LimitKey.OPS_GET, 5));
        LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get);
        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 7)).isEqualTo(5);

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1200));

        assertThat(admitted(enforcer, RequestClass.GET, USER, null, 7)).isEqualTo(5);
    }
}
