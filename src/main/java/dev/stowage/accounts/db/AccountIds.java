package dev.stowage.accounts.db;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New identifiers and secrets, as ostor shapes them: a user id is 16 lower-case hex digits, an access key id is the
 * user id followed by 4 upper-case letters or digits, a secret is 40 letters and digits.
 */
final class AccountIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int SECRET_LENGTH = 40;

    private AccountIds() {}

    static String newUserId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String newAccessKeyId(String userId) {
        return userId + random(KEY_SUFFIX_ALPHABET, 4);
    }

    static String newSecret() {
        return random(SECRET_ALPHABET, SECRET_LENGTH);
    }

    static boolean isUserId(String s) {
        return s != null && s.matches("[0-9a-f]{16}");
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
