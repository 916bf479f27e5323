package dev.stowage.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The admin services the CLI uses ({@code ?ostor-users}, {@code ?ostor-buckets}), as typed calls. */
final class OstorAdmin {
    private static final String USERS = "ostor-users";
    private static final String BUCKETS = "ostor-buckets";

    private final GatewayClient client;

    OstorAdmin(GatewayClient client) {
        this.client = client;
    }

    /** {@code PUT /?ostor-users&emailAddress=E[&system]}: the new user with its first key pair. */
    UserInfo createUser(String email, boolean system) {
        String query = USERS + "&emailAddress=" + UserSelector.encode(UserSelector.validEmail(email))
                + (system ? "&system" : "");
        return user(client.send("PUT", query));
    }

    /** {@code GET /?ostor-users}: every user, without keys. */
    List<UserInfo> listUsers() {
        Object answer = client.send("GET", USERS);
        List<UserInfo> users = new ArrayList<>();
        try {
            for (Object item : Json.array(answer)) {
                users.add(UserInfo.fromJson(item));
            }
        } catch (IllegalArgumentException e) {
            throw unexpected(e);
        }
        return users;
    }

    /** {@code GET /?ostor-users&emailAddress=E} (or {@code &id=ID}): the user with flags and keys. */
    UserInfo getUser(UserSelector who) {
        return user(client.send("GET", USERS + "&" + who.queryParameter()));
    }

    /** {@code POST ...&enable} or {@code ...&disable}. */
    void setEnabled(UserSelector who, boolean enabled) {
        client.send("POST", USERS + "&" + who.queryParameter() + (enabled ? "&enable" : "&disable"));
    }

    /** {@code POST ...&genKey}: the user with just the new key pair. */
    UserInfo generateKey(UserSelector who) {
        return user(client.send("POST", USERS + "&" + who.queryParameter() + "&genKey"));
    }

    /** {@code POST ...&revokeKey=KEY}. */
    void revokeKey(UserSelector who, String accessKeyId) {
        client.send("POST", USERS + "&" + who.queryParameter() + "&revokeKey=" + UserSelector.encode(accessKeyId));
    }

    /** {@code DELETE /?ostor-users&emailAddress=E} (or {@code &id=ID}). */
    void deleteUser(UserSelector who) {
        client.send("DELETE", USERS + "&" + who.queryParameter());
    }

    /** {@code GET /?ostor-buckets[&emailAddress=E|&id=ID]}: every (or one user's) bucket with owner, date, epoch. */
    List<BucketInfo> listBuckets(UserSelector owner) {
        Object answer = client.send("GET", BUCKETS + (owner == null ? "" : "&" + owner.queryParameter()));
        List<BucketInfo> buckets = new ArrayList<>();
        try {
            Map<String, Object> o = Json.object(answer);
            for (Object item : Json.list(o, "Buckets")) {
                buckets.add(BucketInfo.fromJson(item));
            }
        } catch (IllegalArgumentException e) {
            throw unexpected(e);
        }
        return buckets;
    }

    private static UserInfo user(Object answer) {
        try {
            return UserInfo.fromJson(answer);
        } catch (IllegalArgumentException e) {
            throw unexpected(e);
        }
    }

    private static CliException unexpected(IllegalArgumentException e) {
        return new CliException(ExitStatus.GATEWAY_ERROR, "unexpected answer from the gateway: " + e.getMessage());
    }
}
