package dev.stowage.limits;

/** Whom a limit applies to: a user (by user id) or a bucket (by name). */
public record LimitSubject(Kind kind, String id) {
    public enum Kind {
        USER,
        BUCKET
    }

    public static LimitSubject user(String userId) {
        return new LimitSubject(Kind.USER, userId);
    }

    public static LimitSubject bucket(String name) {
        return new LimitSubject(Kind.BUCKET, name);
    }
}
