package dev.stowage.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admin services the CLI uses ({@code ?ostor-users}, {@code ?ostor-buckets}, {@code ?ostor-limits}), as typed
 * calls.
 */
final class OstorAdmin {
    private static final String USERS = "ostor-users";
    private static final String BUCKETS = "ostor-buckets";
    private static final String LIMITS = "ostor-limits";

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

    /** {@code POST ...&grantPermission=P} or {@code ...&revokePermission=P}. */
    void setPermission(UserSelector who, String permission, boolean granted) {
        client.send("POST", USERS + "&" + who.queryParameter() + (granted ? "&grantPermission=" : "&revokePermission=")
                + UserSelector.encode(permission));
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

    /** {@code GET /?ostor-limits&emailAddress=E} (or {@code &id=ID}, {@code &bucket=B}): the subject's limits. */
    Map<String, BigDecimal> getLimits(LimitSelector whose) {
        return limits(client.send("GET", LIMITS + "&" + whose.queryParameter()));
    }

    /**
     * {@code PUT /?ostor-limits&...&limit-type=T&limit-resource=K&limit-value=V}: sets one limit and returns all
     * the subject's limits (asked with a GET should the answer have no body).
     */
    Map<String, BigDecimal> setLimit(LimitSelector whose, Limits.Setting setting) {
        Object answer = client.send("PUT", LIMITS + "&" + whose.queryParameter()
                + "&limit-type=" + UserSelector.encode(setting.type())
                + "&limit-resource=" + UserSelector.encode(setting.key())
                + "&limit-value=" + UserSelector.encode(setting.value()));
        return answer != null ? limits(answer) : getLimits(whose);
    }

    /** {@code DELETE /?ostor-limits&...}: resets every limit of the subject to 0 and returns them. */
    Map<String, BigDecimal> resetLimits(LimitSelector whose) {
        Object answer = client.send("DELETE", LIMITS + "&" + whose.queryParameter());
        return answer != null ? limits(answer) : getLimits(whose);
    }

    private static Map<String, BigDecimal> limits(Object answer) {
        if (answer == null) {
            throw new CliException(ExitStatus.GATEWAY_ERROR, "unexpected answer from the gateway: no limits");
        }
        try {
            return Limits.fromJson(answer);
        } catch (IllegalArgumentException e) {
            throw unexpected(e);
        }
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
