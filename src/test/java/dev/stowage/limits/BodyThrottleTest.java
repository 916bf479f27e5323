package dev.stowage.limits;

import static dev.stowage.limits.LimitEnforcerTest.limits;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The throttle on a made-up clock that moves only when the throttle waits (as if sending took no time): which
 * chunks pass, how long each waits and what the bandwidth metrics count follow from the token-bucket arithmetic
 * alone.
 */
class BodyThrottleTest {
    private static final String USER = "00000000000000bb";
    private static final String BUCKET = "paced-bucket";

    private final AtomicLong clock = new AtomicLong(-7_000_000_000L);
    private final List<Long> parked = new ArrayList<>();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LimitEnforcerTest.FakeCache cache = new LimitEnforcerTest.FakeCache();
    private final LimitEnforcer enforcer = new LimitEnforcer(cache, 1, clock::get, nanos -> {
        parked.add(nanos);
        clock.addAndGet(nanos);
    }, registry);

    private double count(String name, String limit) {
        return registry.get(name).tag("direction", "out").tag("limit", limit).counter().count();
    }

    /** Sends {@code bytes} through the throttle in its chunks, as the response writer does. */
    private static void send(BodyThrottle throttle, long bytes) throws InterruptedException {
        for (long left = bytes; left > 0; left -= throttle.chunkSize()) {
            throttle.beforeSending((int) Math.min(throttle.chunkSize(), left));
        }
    }

    @Test
    void beforeSending_mebibyteAt100_firstSecondsWorthPasses_thenEveryChunkWaitsItsTimeAtTheRate() throws Exception {
        cache.users.put(USER, limits(LimitKey.BANDWIDTH_OUT, 100));
        BodyThrottle throttle = enforcer.admit(RequestClass.GET, USER, BUCKET);
        assertThat(throttle.chunkSize()).isEqualTo(BodyThrottle.chunkSizeFor(100 * 1024)).isEqualTo(12_800);

        send(throttle, 8 * 12_800); // 100 KiB: one second's worth
        assertThat(parked).isEmpty();
        assertThat(count("stowage.bandwidth.waits", "user")).isZero();

        send(throttle, (1 << 20) - 8 * 12_800);

        // 73 more chunks of 12,800 bytes (125 ms each at 102,400 B/s) and a last one of 11,776 bytes (115 ms)
        assertThat(parked).hasSize(74);
        assertThat(parked.subList(0, 73)).containsOnly(125_000_000L);
        assertThat(parked.get(73)).isEqualTo(115_000_000L);
        assertThat(count("stowage.bandwidth.paced.bytes", "user")).isEqualTo(1 << 20);
        assertThat(count("stowage.bandwidth.waits", "user")).isEqualTo(74);
        assertThat(count("stowage.bandwidth.paced.bytes", "bucket")).isZero();
        assertThat(count("stowage.bandwidth.waits", "bucket")).isZero();
    }

    @Test
    void beforeSending_userAndBucketLimits_countsBytesAgainstBoth_andTheWaitAgainstTheStricter() throws Exception {
        cache.users.put(USER, limits(LimitKey.BANDWIDTH_OUT, 1000));
        cache.buckets.put(BUCKET, limits(LimitKey.BANDWIDTH_OUT, 100));
        BodyThrottle throttle = enforcer.admit(RequestClass.GET, USER, BUCKET);
        assertThat(throttle.chunkSize()).isEqualTo(12_800);

        send(throttle, 9 * 12_800);

        assertThat(parked).containsExactly(125_000_000L);
        assertThat(count("stowage.bandwidth.paced.bytes", "user")).isEqualTo(9 * 12_800);
        assertThat(count("stowage.bandwidth.paced.bytes", "bucket")).isEqualTo(9 * 12_800);
        assertThat(count("stowage.bandwidth.waits", "bucket")).isEqualTo(1);
        assertThat(count("stowage.bandwidth.waits", "user")).isZero();
    }
}
