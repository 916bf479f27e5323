package dev.stowage.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The text the commands print, as {@code ostor-s3-admin} prints it (integration guide, chapter 2). */
final class Formats {
    static final String HIDDEN_SECRET = "***";
    static final String NONE = "-";
    static final List<String> USERS_HEADER =
            List.of("S3 USER ID", "S3 ACCESS KEY ID", "S3 SECRET ACCESS KEY", "S3 USER EMAIL");
    static final List<String> BUCKETS_HEADER = List.of("BUCKET NAME", "OWNER ID", "CREATION DATE", "EPOCH");

    private Formats() {}

    /** {@code create-user}: {@code UserEmail:}, {@code UserId:}, the key pairs, {@code Flags:none|system}. */
    static List<String> createdUser(UserInfo user, boolean system) {
        List<String> lines = new ArrayList<>();
        lines.add("UserEmail:" + user.email());
        lines.add("UserId:" + user.id());
        for (int i = 0; i < user.keys().size(); i++) {
            UserInfo.KeyPair key = user.keys().get(i);
            lines.add("KeyPair[" + i + "]:S3AccessKeyId:" + key.accessKeyId());
            lines.add("KeyPair[" + i + "]:S3SecretAccessKey:" + key.secretAccessKey());
        }
        lines.add("Flags:" + (system ? "system" : "none"));
        return lines;
    }

    /**
     * {@code query-users}: one row per key pair (the user's id and email on its first), {@code -} in the key
     * columns of a user without keys, secrets as {@code ***} unless shown; columns aligned.
     */
    static List<String> usersTable(List<UserInfo> users, boolean showSecrets) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(USERS_HEADER);
        for (UserInfo user : users) {
            if (user.keys().isEmpty()) {
                rows.add(List.of(user.id(), NONE, NONE, orNone(user.email())));
                continue;
            }
            for (int i = 0; i < user.keys().size(); i++) {
                UserInfo.KeyPair key = user.keys().get(i);
                String secret = showSecrets ? orNone(key.secretAccessKey()) : HIDDEN_SECRET;
                rows.add(i == 0
                        ? List.of(user.id(), key.accessKeyId(), secret, orNone(user.email()))
                        : List.of("", key.accessKeyId(), secret, ""));
            }
        }
        return table(rows);
    }

    /** {@code query-users -X}: one line of {@code QueryUsersResult} XML. */
    static String usersXml(List<UserInfo> users, boolean showSecrets) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><QueryUsersResult><Users>");
        for (UserInfo user : users) {
            xml.append("<User>");
            element(xml, "Id", user.id());
            element(xml, "Email", user.email());
            xml.append("<Keys>");
            element(xml, "OwnerId", user.ownerId());
            for (UserInfo.KeyPair key : user.keys()) {
                xml.append("<KeyPair>");
                element(xml, "S3AccessKeyId", key.accessKeyId());
                element(xml, "S3SecretAccessKey", showSecrets ? key.secretAccessKey() : HIDDEN_SECRET);
                xml.append("</KeyPair>");
            }
            xml.append("</Keys></User>");
        }
        return xml.append("</Users></QueryUsersResult>").toString();
    }

    /** {@code query-user-info}: the user line, then each key pair over two lines. */
    static List<String> userInfo(UserInfo user) {
        List<String> lines = new ArrayList<>();
        lines.add("Query user: user id=" + user.id() + ", user email=" + user.email());
        for (int i = 0; i < user.keys().size(); i++) {
            UserInfo.KeyPair key = user.keys().get(i);
            lines.add("Key pair[" + i + "]: access key id=" + key.accessKeyId() + ",");
            lines.add("secret access key=" + key.secretAccessKey());
        }
        return lines;
    }

    /** {@code gen-access-key}. */
    static List<String> generatedKey(String userId, UserInfo.KeyPair key) {
        return List.of("Generate access key: user id=" + userId + ", access key id=" + key.accessKeyId() + ",",
                "secret access key=" + key.secretAccessKey());
    }

    /** {@code revoke-access-key}. */
    static String revokedKey(String userId, String accessKeyId) {
        return "Revoke access key: user id=" + userId + ", access key id=" + accessKeyId;
    }

    /** {@code delete-user}. */
    static String deletedUser(String userId) {
        return "Deleted user: user id=" + userId;
    }

    /** {@code list-all-buckets}: name, owner, creation date and epoch, columns aligned. */
    static List<String> bucketsTable(List<BucketInfo> buckets) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(BUCKETS_HEADER);
        for (BucketInfo b : buckets) {
            rows.add(List.of(b.name(), orNone(b.ownerId()), orNone(b.creationDate()), orNone(b.epoch())));
        }
        return table(rows);
    }

    /**
     * {@code set-limits}, {@code query-limits}, {@code rm-limits}: one line per limit, {@code ops:get=3600.00ops/s}
     * (two decimals) and {@code bandwidth:out=100kbs/s} (an integer), in {@link Limits#NAMES} order.
     */
    static List<String> limits(Map<String, BigDecimal> values) {
        List<String> lines = new ArrayList<>();
        for (String name : Limits.NAMES) {
            BigDecimal value = values.getOrDefault(name, BigDecimal.ZERO);
            lines.add(name.startsWith(Limits.OPS + ":")
                    ? name + "=" + value.setScale(2, RoundingMode.HALF_UP).toPlainString() + "ops/s"
                    : name + "=" + value.setScale(0, RoundingMode.HALF_UP).toPlainString() + "kbs/s");
        }
        return lines;
    }

    /** Columns padded to their widest cell, separated by one space, no trailing blanks. */
    static List<String> table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append(' ');
                }
                line.append(row.get(c));
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row.get(c).length()));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>');
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '<' -> xml.append("&lt;");
                    case '>' -> xml.append("&gt;");
                    case '&' -> xml.append("&amp;");
                    case '"' -> xml.append("&quot;");
                    case '\'' -> xml.append("&apos;");
                    default -> xml.append(c);
                }
            }
        }
        xml.append("</").append(name).append('>');
    }
}
