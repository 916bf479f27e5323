package dev.stowage.store.fs;

import java.util.Arrays;

/**
 * File names of the key tree. A key segment (the bytes between two '/') is escaped to an ASCII name: letters,
 * digits, {@code -_.~!$&'()*+,;=:@} and space stay literal, every other byte becomes {@code %XX}; a name that
 * would be "." or ".." is escaped whole and the empty segment is "%" alone. A segment whose escaped form is
 * longer than {@link #MAX_CHUNK} is cut into chunks (never inside a {@code %XX}); all chunks but the last are
 * continuation directories ({@code chunk#c}).
 *
 * <p>Names in a directory: {@code E} a child directory, {@code E#o} an object, {@code E#c} a continuation
 * directory; names starting with '#' and any other use of '#' are reserved for the store.
 */
final class NameCodec {
    static final int MAX_CHUNK = 200;
    static final String OBJECT_SUFFIX = "#o";
    static final String CONTINUATION_SUFFIX = "#c";
    static final String DIRECTORY_SUFFIX = "";

    /** What a directory entry is, told by its name. */
    enum Kind {
        OBJECT,
        CONTINUATION,
        DIRECTORY,
        /** Reserved or foreign: not part of the key tree. */
        OTHER
    }

    private static final boolean[] LITERAL = new boolean[256];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            LITERAL[c] = true;
            LITERAL[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            LITERAL[c] = true;
        }
        for (char c : "-_.~!$&'()*+,;=:@ ".toCharArray()) {
            LITERAL[c] = true;
        }
    }

    private NameCodec() {}

    /**
     * Appends the relative path of the segment {@code key[from, to)}: any continuation directories, then the
     * last chunk followed by {@code suffix} (one of the suffix constants).
     */
    static void appendSegment(StringBuilder out, byte[] key, int from, int to, String suffix) {
        if (from == to) {
            out.append('%').append(suffix);
            return;
        }
        int chunkStart = out.length();
        int chunkLength = 0;
        for (int i = from; i < to; i++) {
            int b = key[i] & 0xff;
            int width = LITERAL[b] ? 1 : 3;
            if (chunkLength + width > MAX_CHUNK) {
                escapeDots(out, chunkStart);
                out.append(CONTINUATION_SUFFIX).append('/');
                chunkStart = out.length();
                chunkLength = 0;
            }
            if (width == 1) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            }
            chunkLength += width;
        }
        escapeDots(out, chunkStart);
        out.append(suffix);
    }

    private static void escapeDots(StringBuilder out, int chunkStart) {
        int length = out.length() - chunkStart;
        if ((length == 1 || length == 2) && out.charAt(chunkStart) == '.' && out.charAt(out.length() - 1) == '.') {
            out.setLength(chunkStart);
            out.append(length == 1 ? "%2E" : "%2E%2E");
        }
    }

    static Kind kind(String name) {
        int n = name.length();
        if (n == 0 || name.charAt(0) == '#') {
            return Kind.OTHER;
        }
        if (n >= 2 && name.charAt(n - 2) == '#') {
            char c = name.charAt(n - 1);
            return c == 'o' ? Kind.OBJECT : c == 'c' ? Kind.CONTINUATION : Kind.OTHER;
        }
        return name.indexOf('#') >= 0 ? Kind.OTHER : Kind.DIRECTORY;
    }

    /** Length of the escaped part of a name of this kind. */
    static int escapedLength(String name, Kind kind) {
        return kind == Kind.DIRECTORY ? name.length() : name.length() - 2;
    }

    /**
     * Returns {@code prefix}, then the bytes that {@code name[0, end)} stands for, then {@code trailing} if it
     * is {@code >= 0}; null when the name is not one this codec writes.
     */
    static byte[] decode(String name, int end, byte[] prefix, int trailing) {
        byte[] out = new byte[prefix.length + end + (trailing >= 0 ? 1 : 0)];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int o = prefix.length;
        if (end == 1 && name.charAt(0) == '%') {
            // the empty segment
        } else {
            for (int i = 0; i < end; i++) {
                char c = name.charAt(i);
                if (c == '%') {
                    if (i + 2 >= end) {
                        return null;
                    }
                    int hi = hex(name.charAt(i + 1));
                    int lo = hex(name.charAt(i + 2));
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out[o++] = (byte) (hi << 4 | lo);
                    i += 2;
                } else if (c < 256 && LITERAL[c]) {
                    out[o++] = (byte) c;
                } else {
                    return null;
                }
            }
        }
        if (trailing >= 0) {
            out[o++] = (byte) trailing;
        }
        return o == out.length ? out : Arrays.copyOf(out, o);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
