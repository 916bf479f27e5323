package dev.stowage.store.fs;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One name in a directory of the key tree, with the smallest key it can hold (its bound): an object's own key,
 * {@code prefix + dec(E) + "/"} for a child directory, {@code prefix + dec(E)} for a continuation directory.
 */
record DirEntry(byte[] bound, NameCodec.Kind kind, String name) {

    /** By bound in UTF-8 binary order; at equal bounds objects first. */
    static final Comparator<DirEntry> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.bound, b.bound);
        return c != 0 ? c : a.kind.compareTo(b.kind);
    };

    boolean isObject() {
        return kind == NameCodec.Kind.OBJECT;
    }
}
