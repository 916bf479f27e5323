package dev.stowage.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user as the ostor-users service answers it. Fields the answer lacks are null ({@code state}, {@code ownerId})
 * or empty ({@code flags}, {@code keys}): the list answer has no keys, the create answer no state.
 */
record UserInfo(String email, String id, String state, String ownerId, List<String> flags, List<KeyPair> keys) {

    /** An access key pair; the secret is null when the answer leaves it out. */
    record KeyPair(String accessKeyId, String secretAccessKey) {}

    boolean system() {
        return flags.contains("system");
    }

    /** Reads {@code {"UserEmail","UserId","State","OwnerId","Flags":[..],"AWSAccessKeys":[{..}]}}. */
    static UserInfo fromJson(Object json) {
        Map<String, Object> o = Json.object(json);
        String id = Json.text(o, "UserId");
        if (id == null) {
            throw new IllegalArgumentException("no UserId");
        }
        List<String> flags = new ArrayList<>();
        for (Object flag : Json.list(o, "Flags")) {
            flags.add(String.valueOf(flag));
        }
        List<KeyPair> keys = new ArrayList<>();
        for (Object key : Json.list(o, "AWSAccessKeys")) {
            Map<String, Object> k = Json.object(key);
            keys.add(new KeyPair(Json.text(k, "AWSAccessKeyId"), Json.text(k, "AWSSecretAccessKey")));
        }
        return new UserInfo(Json.text(o, "UserEmail"), id, Json.text(o, "State"), Json.text(o, "OwnerId"),
                List.copyOf(flags), List.copyOf(keys));
    }
}
