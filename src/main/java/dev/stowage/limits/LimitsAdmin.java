package dev.stowage.limits;

/**
 * Durable limits of users and buckets (PostgreSQL), for the ostor-limits service and the CLI. Blocking: callers
 * are virtual threads. Never on the request hot path — enforcement reads {@link LimitCache}.
 *
 * <p>Subjects are checked: {@link dev.stowage.accounts.NoSuchUserException} for an unknown user,
 * {@link NoSuchLimitBucketException} for an unknown bucket. Values are checked by the caller (the service
 * parses and validates them); a value of 0 removes that limit.
 */
public interface LimitsAdmin {
    LimitSet get(LimitSubject subject);

    /** Sets one limit and returns all limits of the subject. */
    LimitSet set(LimitSubject subject, LimitKey key, double value);

    /** Resets every limit of the subject to 0 (unlimited). */
    LimitSet reset(LimitSubject subject);
}
