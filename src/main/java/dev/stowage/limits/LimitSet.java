package dev.stowage.limits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The limits of one subject; absent keys are 0 (unlimited). */
public record LimitSet(Map<LimitKey, Double> values) {
    public static final LimitSet NONE = new LimitSet(Map.of());

    public LimitSet {
        EnumMap<LimitKey, Double> copy = new EnumMap<>(LimitKey.class);
        values.forEach((k, v) -> {
            if (v != null && v > 0) {
                copy.put(k, v);
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    /** The value of a key; 0 when unlimited. */
    public double get(LimitKey key) {
        return values.getOrDefault(key, 0.0);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public LimitSet with(LimitKey key, double value) {
        EnumMap<LimitKey, Double> copy = new EnumMap<>(LimitKey.class);
        copy.putAll(values);
        copy.put(key, value);
        return new LimitSet(copy);
    }
}
