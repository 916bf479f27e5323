package dev.stowage.metering.cloudstack;

import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudStack's API throttling ({@code api.throttling.*}): at most {@code max} calls per account in each window of
 * {@code interval} seconds, counted from the account's first call of the window. Kept per replica, as CloudStack
 * keeps it per management server: N replicas allow up to N × max.
 */
final class ApiThrottle {
    private final boolean enabled;
    private final long intervalMillis;
    private final int max;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(long start, int count) {}

    ApiThrottle(boolean enabled, int intervalSeconds, int max) {
        this.enabled = enabled;
        this.intervalMillis = Math.max(1, intervalSeconds) * 1000L;
        this.max = max;
    }

    /** Counts one call of the account; throws the API-limit error when it is one too many. */
    void acquire(String account, long nowMillis) {
        if (!enabled) {
            return;
        }
        Window w = windows.compute(account, (k, old) -> old == null || nowMillis - old.start >= intervalMillis
                ? new Window(nowMillis, 1)
                : new Window(old.start, old.count + 1));
        if (w.count > max) {
            long retryAfter = Math.max(0, w.start + intervalMillis - nowMillis);
            throw new CloudStackException(CloudStackError.API_LIMIT_EXCEEDED,
                    "The given user has reached his/her account api limit, please retry after " + retryAfter + " ms.");
        }
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> nowMillis - e.getValue().start >= intervalMillis);
        }
    }
}
