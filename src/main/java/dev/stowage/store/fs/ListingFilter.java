package dev.stowage.store.fs;

import dev.stowage.store.ListQuery;
import java.util.Arrays;

/**
 * A listing request in key bytes: which keys it wants (those starting with the prefix and after the marker),
 * how they roll up into common prefixes (at the first delimiter after the prefix), and a test that lets the
 * tree walk skip whole directories.
 *
 * <p>As in S3, a common prefix not after the marker is not returned again, nor is any key under it: with
 * marker {@code a/b} and delimiter "/", {@code a/} and {@code a/c} are both skipped. So when the marker itself
 * rolls up into a common prefix, the filter excludes everything under that prefix.
 */
final class ListingFilter {
    private final byte[] prefix;
    private final byte[] delimiter;
    private final byte[] after;
    private final boolean afterCoversExtensions;

    private ListingFilter(byte[] prefix, byte[] delimiter, byte[] after) {
        this.prefix = prefix;
        this.delimiter = delimiter;
        byte[] rolled = after == null ? null : commonPrefixOf(after);
        this.after = rolled != null ? rolled : after;
        this.afterCoversExtensions = rolled != null;
    }

    static ListingFilter of(ListQuery query) {
        byte[] prefix = isEmpty(query.prefix()) ? Bytes.EMPTY : Bytes.strictUtf8(query.prefix());
        byte[] delimiter = isEmpty(query.delimiter()) ? null : Bytes.strictUtf8(query.delimiter());
        byte[] after = isEmpty(query.after()) ? null : Bytes.strictUtf8(query.after());
        return new ListingFilter(prefix, delimiter, after);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    byte[] prefix() {
        return prefix;
    }

    /** Whether the listing wants this key (returned as itself or within its common prefix). */
    boolean wantsKey(byte[] key) {
        if (!Bytes.startsWith(key, prefix)) {
            return false;
        }
        return after == null
                || (Bytes.compare(key, after) > 0 && !(afterCoversExtensions && Bytes.startsWith(key, after)));
    }

    /** Whether the listing may want some key that starts with {@code start}. */
    boolean mayWantRange(byte[] start) {
        if (!Bytes.startsWith(start, prefix) && !Bytes.startsWith(prefix, start)) {
            return false;
        }
        if (after == null) {
            return true;
        }
        if (Bytes.compare(start, after) < 0 && !Bytes.startsWith(after, start)) {
            return false; // every key starting with start sorts before after
        }
        return !(afterCoversExtensions && Bytes.startsWith(start, after));
    }

    /**
     * The common prefix a key rolls up into, or null when it is listed as itself. Given the start of a range
     * instead of a key, a non-null answer is the common prefix of every key in that range.
     */
    byte[] commonPrefixOf(byte[] key) {
        if (delimiter == null || !Bytes.startsWith(key, prefix)) {
            return null;
        }
        int at = Bytes.indexOf(key, delimiter, prefix.length);
        return at < 0 ? null : Arrays.copyOf(key, at + delimiter.length);
    }
}
