package dev.stowage.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket on its own, with made-up clocks. */
class RateMeterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = -5 * SECOND; // nanoTime may be negative

    @Test
    void tryAcquire_fiveAPerSecond_allowsBurstOfFiveThenRefusesWithWait() {
        RateMeter meter = new RateMeter(5, T0);
        for (int i = 0; i < 5; i++) {
            assertThat(meter.tryAcquire(T0)).as("request %d", i + 1).isZero();
        }
        long wait = meter.tryAcquire(T0);
        assertThat(wait).isEqualTo(SECOND / 5);
        // a refused request takes nothing: still refused the same, then one token after 200 ms
        assertThat(meter.tryAcquire(T0)).isEqualTo(SECOND / 5);
        assertThat(meter.tryAcquire(T0 + SECOND / 5)).isZero();
        assertThat(meter.tryAcquire(T0 + SECOND / 5)).isPositive();
    }

    @Test
    void tryAcquire_afterAQuietSecond_allowsAFullBurstAgain() {
        RateMeter meter = new RateMeter(5, T0);
        for (int i = 0; i < 5; i++) {
            meter.tryAcquire(T0);
        }
        long later = T0 + SECOND + 1;
        for (int i = 0; i < 5; i++) {
            assertThat(meter.tryAcquire(later)).isZero();
        }
        assertThat(meter.tryAcquire(later)).isPositive();
    }

    @Test
    void tryAcquire_rateNotDividingASecond_stillAllowsAFullBurst() {
        for (int rate : new int[] {3, 7, 11, 1000, 999_999}) {
            RateMeter meter = new RateMeter(rate, T0);
            for (int i = 0; i < rate; i++) {
                assertThat(meter.tryAcquire(T0)).as("rate %d, request %d", rate, i + 1).isZero();
            }
            assertThat(meter.tryAcquire(T0)).as("rate %d, one more", rate).isPositive();
        }
    }

    @Test
    void tryAcquire_halfPerSecond_allowsOneEveryTwoSeconds() {
        RateMeter meter = new RateMeter(0.5, T0);
        assertThat(meter.tryAcquire(T0)).isZero();
        assertThat(meter.tryAcquire(T0 + SECOND)).isEqualTo(SECOND);
        assertThat(meter.tryAcquire(T0 + 2 * SECOND)).isZero();
    }

    @Test
    void release_givesTheTokenBack() {
        RateMeter meter = new RateMeter(1, T0);
        assertThat(meter.tryAcquire(T0)).isZero();
        assertThat(meter.tryAcquire(T0)).isPositive();
        meter.release();
        assertThat(meter.tryAcquire(T0)).isZero();
    }

    @Test
    void reserve_bytes_firstSecondFreeThenPacedAtTheRate() {
        double rate = 100 * 1024; // 100 KB/s
        RateMeter meter = new RateMeter(rate, T0);
        long waited = 0;
        long now = T0;
        for (int sent = 0; sent < 1024 * 1024; sent += 16 * 1024) {
            long wait = meter.reserve(16 * 1024, now);
            now += wait;
            waited += wait;
        }
        // 1 MiB at 100 KiB/s with one second of burst: about 9.24 s of waiting
        assertThat(waited).isBetween((long) (9.0 * SECOND), (long) (9.5 * SECOND));
    }

    @Test
    void idleSince_fullForAWhile_isIdle() {
        RateMeter meter = new RateMeter(5, T0);
        meter.tryAcquire(T0);
        assertThat(meter.idleSince(T0 + SECOND, 60 * SECOND)).isFalse();
        assertThat(meter.idleSince(T0 + 61 * SECOND, 60 * SECOND)).isTrue();
    }
}
