package dev.stowage.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Percent-encoding as SigV4 wants it: every byte except {@code A-Za-z0-9-_.~} (and {@code /} in paths) becomes
 * {@code %XX} with upper-case digits. Decoding works on bytes, so text that is not UTF-8 survives a round trip;
 * a {@code %} not followed by two hex digits is kept literally, and {@code +} is never a space.
 */
final class UriEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    static byte[] decodeToBytes(String text) {
        if (text.indexOf('%') < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[text.length() * 3]; // a char is at most three UTF-8 bytes, a surrogate pair four
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) ((hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            if (c < 0x80) {
                out[n++] = (byte) c;
                i++;
                continue;
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < text.length()) {
                end++;
            }
            byte[] utf8 = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, out, n, utf8.length);
            n += utf8.length;
            i = end;
        }
        return Arrays.copyOf(out, n);
    }

    static String decode(String text) {
        return text.indexOf('%') < 0 ? text : new String(decodeToBytes(text), StandardCharsets.UTF_8);
    }

    static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Decodes then re-encodes strictly; text already in canonical form comes back as the same instance. */
    static String canonical(String text, boolean keepSlash) {
        if (isCanonical(text, keepSlash)) {
            return text;
        }
        return encode(decodeToBytes(text), keepSlash);
    }

    /**
     * Whether the text is already in canonical form: unreserved characters (and '/' when kept) literal, every
     * other byte as an upper-case {@code %XX}. Clients send canonical text almost always (presigned URLs, the
     * SDKs' keys), so this spares decoding and re-encoding on the hot path.
     */
    private static boolean isCanonical(String text, boolean keepSlash) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128 && isUnreserved(c) || (keepSlash && c == '/')) {
                continue;
            }
            if (c != '%' || i + 2 >= n) {
                return false;
            }
            int hi = upperHex(text.charAt(i + 1));
            int lo = upperHex(text.charAt(i + 2));
            if (hi < 0 || lo < 0) {
                return false;
            }
            int b = (hi << 4) | lo;
            if (isUnreserved(b) || (keepSlash && b == '/')) {
                return false;
            }
            i += 2;
        }
        return true;
    }

    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
