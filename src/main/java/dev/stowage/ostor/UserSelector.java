package dev.stowage.ostor;

/** How an ostor request names a user: {@code emailAddress=E} or {@code id=ID}, never both. */
public sealed interface UserSelector {

    /** The selector as the request wrote it, for messages: {@code emailAddress=E}. */
    String describe();

    record ByEmail(String email) implements UserSelector {
        @Override
        public String describe() {
            return OstorNames.P_EMAIL_ADDRESS + "=" + email;
        }
    }

    record ById(String id) implements UserSelector {
        @Override
        public String describe() {
            return OstorNames.P_ID + "=" + id;
        }
    }
}
