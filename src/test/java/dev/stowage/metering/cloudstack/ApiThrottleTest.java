package dev.stowage.metering.cloudstack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CloudStack's api.throttling: max calls per account per interval, then the API-limit error until the next one. */
class ApiThrottleTest {
    @Test
    void acquire_overMaxInInterval_isApiLimitError_untilTheNextInterval() {
        ApiThrottle throttle = new ApiThrottle(true, 10, 2);
        throttle.acquire("a", 1_000);
        throttle.acquire("a", 2_000);
        assertThatThrownBy(() -> throttle.acquire("a", 3_000))
                .isInstanceOfSatisfying(CloudStackException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.error()).isEqualTo(CloudStackError.API_LIMIT_EXCEEDED);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(
                            "The given user has reached his/her account api limit, please retry after 8000 ms.");
                });
        assertThatCode(() -> throttle.acquire("b", 3_000)).doesNotThrowAnyException();
        assertThatCode(() -> throttle.acquire("a", 11_000)).doesNotThrowAnyException();
    }

    @Test
    void acquire_disabled_neverRefuses() {
        ApiThrottle throttle = new ApiThrottle(false, 1, 1);
        for (int i = 0; i < 10; i++) {
            throttle.acquire("a", 1_000);
        }
    }
}
