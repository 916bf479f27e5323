package dev.stowage.ostor;

/** Whose limits an ostor-limits request means: a user ({@code emailAddress=E} or {@code id=ID}) or a bucket. */
public sealed interface LimitTarget {

    /** The target as the request wrote it, for messages: {@code emailAddress=E}, {@code bucket=B}. */
    String describe();

    record User(UserSelector user) implements LimitTarget {
        @Override
        public String describe() {
            return user.describe();
        }
    }

    record Bucket(String name) implements LimitTarget {
        @Override
        public String describe() {
            return OstorNames.P_BUCKET + "=" + name;
        }
    }
}
