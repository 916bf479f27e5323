package dev.stowage.ostor.handler;

import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSet;
import dev.stowage.ostor.json.JsonWriter;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of ostor-limits, as the guide prints it: every limit, always in this order, each value a string; ops
 * with two decimals ({@code "3600.00"}), bandwidth a whole number ({@code "100"}); 0 is unlimited.
 */
final class LimitsJson {
    /** The seed's order (3.3.3), not left to the enum's. */
    static final List<LimitKey> ORDER = List.of(LimitKey.OPS_DEFAULT, LimitKey.OPS_GET, LimitKey.OPS_PUT,
            LimitKey.OPS_LIST, LimitKey.OPS_DELETE, LimitKey.BANDWIDTH_OUT);

    private LimitsJson() {}

    static JsonWriter of(LimitSet limits) {
        JsonWriter json = new JsonWriter().beginObject();
        for (LimitKey key : ORDER) {
            json.field(key.wireName(), format(key, limits.get(key)));
        }
        return json.endObject();
    }

    /** {@code 3600.00} for ops, {@code 100} for bandwidth; never locale-dependent. */
    static String format(LimitKey key, double value) {
        return key == LimitKey.BANDWIDTH_OUT ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
