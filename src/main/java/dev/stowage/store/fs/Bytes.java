package dev.stowage.store.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys as UTF-8 byte arrays: strict encoding, unsigned order, prefix and substring tests. */
final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {}

    /** The UTF-8 bytes of {@code s}; an unpaired surrogate, which UTF-8 cannot express, is refused. */
    static byte[] strictUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return strictUtf8Slow(s);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] strictUtf8Slow(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid Unicode (unpaired surrogate)");
        }
    }

    static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static boolean startsWith(byte[] s, byte[] prefix) {
        return s.length >= prefix.length && Arrays.equals(s, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** First index at or after {@code from} where {@code pattern} occurs wholly inside {@code s}, or -1. */
    static int indexOf(byte[] s, byte[] pattern, int from) {
        int last = s.length - pattern.length;
        outer:
        for (int i = Math.max(from, 0); i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (s[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
