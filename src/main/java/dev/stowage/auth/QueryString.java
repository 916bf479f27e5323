package dev.stowage.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The raw query string split into parameters, each kept as sent. Signing needs the raw text (a {@code +} in a
 * V2 {@code Signature} is a plus, not a space), so this does not rely on the HTTP layer's decoded view.
 */
record QueryString(String raw, List<Param> params) {

    static final QueryString EMPTY = new QueryString("", List.of());

    /**
     * One parameter as sent; {@code rawValue} is null for a bare word ({@code ?acl}). {@code name} is the decoded
     * name, decoded once, as every lookup compares it.
     */
    record Param(String rawName, String rawValue, String name) {
        Param(String rawName, String rawValue) {
            this(rawName, rawValue, UriEncoding.decode(rawName));
        }

        /** The decoded value; null for a bare word. */
        String value() {
            return rawValue == null ? null : UriEncoding.decode(rawValue);
        }
    }

    static QueryString parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        List<Param> params = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                String part = rawQuery.substring(start, end);
                int eq = part.indexOf('=');
                params.add(eq < 0 ? new Param(part, null) : new Param(part.substring(0, eq), part.substring(eq + 1)));
            }
            start = end + 1;
        }
        return new QueryString(rawQuery, Collections.unmodifiableList(params));
    }

    boolean has(String name) {
        return find(name) != null;
    }

    /** The decoded value of the first parameter of that name; null when absent or a bare word. */
    String value(String name) {
        Param p = find(name);
        return p == null ? null : p.value();
    }

    boolean anyNameStartsWith(String prefix) {
        for (Param p : params) {
            if (p.name().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The raw query up to, not including, the first {@code &}. */
    String firstSegment() {
        int amp = raw.indexOf('&');
        return amp < 0 ? raw : raw.substring(0, amp);
    }

    private Param find(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
