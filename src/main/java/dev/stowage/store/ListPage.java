package dev.stowage.store;

import java.util.List;

/**
 * One page of a listing. {@code entries} holds objects and common prefixes merged in key order, as S3 counts
 * them against max-keys. {@code nextAfter} is the last key or prefix returned when the page is truncated.
 */
public record ListPage(List<ListEntry> entries, boolean truncated, String nextAfter) {

    /** An object ({@code info} set) or a common prefix ({@code info} null). */
    public record ListEntry(String key, ObjectInfo info) {
        public boolean isPrefix() {
            return info == null;
        }
    }
}
