package dev.stowage.limits.db;

import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** How limits are spelled in the {@code limits} table: kinds {@code user}/{@code bucket}, keys {@code ops:get}. */
final class LimitRows {
    private LimitRows() {}

    static String kind(LimitSubject.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static LimitSubject.Kind kind(String column) {
        return LimitSubject.Kind.valueOf(column.strip().toUpperCase(Locale.ROOT));
    }

    /** The key named by a {@code limit_key} value, or null for one this gateway does not know. */
    static LimitKey key(String wireName) {
        for (LimitKey k : LimitKey.values()) {
            if (k.wireName().equals(wireName)) {
                return k;
            }
        }
        return null;
    }

    /** Adds one row ({@code limit_key}, {@code value} as float8) to a subject's values. */
    static void add(Map<LimitKey, Double> values, Row row) {
        LimitKey key = key(row.getString("limit_key"));
        if (key != null) {
            values.put(key, row.getDouble("value"));
        }
    }

    static LimitSet set(Map<LimitKey, Double> values) {
        return values.isEmpty() ? LimitSet.NONE : new LimitSet(values);
    }

    static Map<LimitKey, Double> empty() {
        return new EnumMap<>(LimitKey.class);
    }

    /**
     * A notification payload {@code kind:id} as a subject, or null when it is not one. Bucket names hold no colon
     * and user ids are hex, so the first colon separates.
     */
    static LimitSubject parsePayload(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0 || colon == payload.length() - 1) {
            return null;
        }
        try {
            return new LimitSubject(kind(payload.substring(0, colon)), payload.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
