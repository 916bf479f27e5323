package dev.stowage.auth;

import java.nio.charset.StandardCharsets;

/**
 * A header value as a client signed it. HTTP headers arrive one character per byte (ISO-8859-1), while clients
 * sign their text's UTF-8 bytes: a value such as {@code x-amz-meta-note: Grüße} must be read back as UTF-8 before
 * it goes into a string to sign, whose UTF-8 bytes are hashed, or its non-ASCII bytes would be encoded twice.
 */
final class SignedHeaderText {
    private SignedHeaderText() {}

    static String of(String value) {
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // already decoded text, not bytes
            }
            ascii &= c < 0x80;
        }
        return ascii ? value : new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
