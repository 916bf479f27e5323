package dev.stowage.auth;

/** Lower-case hexadecimal, as signatures and digests travel in SigV4. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Every byte as two hex digits, separated by spaces: the form of AWS's {@code StringToSignBytes}. */
    static String spaced(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        char[] out = new char[bytes.length * 3 - 1];
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out[3 * i - 1] = ' ';
            }
            out[3 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes hex of either case; null when the text is not exactly {@code length} bytes of hex. */
    static byte[] decode(String text, int length) {
        if (text == null || text.length() != length * 2) {
            return null;
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    static boolean isHex(String text, int length) {
        return decode(text, length) != null;
    }
}
