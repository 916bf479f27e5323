package dev.stowage.ostor.handler;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.json.JsonWriter;
import java.util.List;

/** The JSON shapes of ostor-users, with the field names, casing and nesting the ostor clients read. */
final class UserJson {
    static final String USER_EMAIL = "UserEmail";
    static final String USER_ID = "UserId";
    static final String STATE = "State";
    static final String OWNER_ID = "OwnerId";
    static final String FLAGS = "Flags";
    static final String AWS_ACCESS_KEYS = "AWSAccessKeys";
    static final String AWS_ACCESS_KEY_ID = "AWSAccessKeyId";
    static final String AWS_SECRET_ACCESS_KEY = "AWSSecretAccessKey";
    static final String FLAG_SYSTEM = "system";

    private UserJson() {}

    /** {@code {"UserEmail", "UserId", "AWSAccessKeys": [...]}}: what create and genKey answer. */
    static void userWithKeys(JsonWriter json, UserAccount user, List<AccessKeyPair> keys) {
        json.beginObject().field(USER_EMAIL, user.email()).field(USER_ID, user.id());
        keys(json, keys);
        json.endObject();
    }

    /** {@code {"UserEmail", "UserId", "State", "OwnerId"}}: one element of the user list. */
    static void summary(JsonWriter json, UserAccount user) {
        json.beginObject();
        summaryFields(json, user);
        json.endObject();
    }

    /**
     * The summary plus {@code "Flags"} and {@code "AWSAccessKeys"}: one user queried. The flags are {@code system}
     * and the user's granted permissions ({@code utapi:ListMetrics}).
     */
    static void details(JsonWriter json, UserAccount user, java.util.Set<dev.stowage.accounts.Permission> granted) {
        json.beginObject();
        summaryFields(json, user);
        json.name(FLAGS).beginArray();
        if (user.system()) {
            json.value(FLAG_SYSTEM);
        }
        for (dev.stowage.accounts.Permission p : granted) {
            json.value(p.wire());
        }
        json.endArray();
        keys(json, user.keys());
        json.endObject();
    }

    private static void summaryFields(JsonWriter json, UserAccount user) {
        json.field(USER_EMAIL, user.email())
                .field(USER_ID, user.id())
                .field(STATE, user.state().wire())
                .field(OWNER_ID, user.ownerId());
    }

    /** {@code "AWSAccessKeys": [{"AWSAccessKeyId", "AWSSecretAccessKey"}, ...]} in the order given. */
    private static void keys(JsonWriter json, List<AccessKeyPair> keys) {
        json.name(AWS_ACCESS_KEYS).beginArray();
        for (AccessKeyPair key : keys) {
            json.beginObject()
                    .field(AWS_ACCESS_KEY_ID, key.accessKeyId())
                    .field(AWS_SECRET_ACCESS_KEY, key.secretAccessKey())
                    .endObject();
        }
        json.endArray();
    }
}
