package dev.stowage.limits;

import java.util.Locale;

/**
 * A request came faster than an ops limit allows. Knows nothing of HTTP: the S3 pipeline answers it with
 * {@code 503 SlowDown} and {@code Retry-After}.
 */
public final class RequestRateExceededException extends RuntimeException {
    private final LimitSubject subject;
    private final long retryAfterSeconds;

    public RequestRateExceededException(LimitSubject subject, RequestClass requestClass, long waitNanos) {
        super("The " + requestClass.key().wireName() + " limit of " + subject.kind().name().toLowerCase(Locale.ROOT)
                + " " + subject.id() + " is exceeded.", null, false, false);
        this.subject = subject;
        this.retryAfterSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Whose limit refused the request. */
    public LimitSubject subject() {
        return subject;
    }

    /** Whole seconds until the request would pass (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
