package dev.stowage.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limits of a user or bucket as the {@code ?ostor-limits} service answers them
 * ({@code {"ops:default": "0.00", ..., "bandwidth:out": "100"}}), and the local checks of what {@code set-limits}
 * sends: ops limits are requests per second (a non-negative number, fractions allowed), bandwidth:out is KB/s (a
 * non-negative integer); 0 means unlimited.
 */
final class Limits {
    static final String OPS = "ops";
    static final String BANDWIDTH = "bandwidth";
    static final List<String> OPS_KEYS = List.of("default", "get", "put", "list", "delete");
    static final List<String> BANDWIDTH_KEYS = List.of("out");
    /** Every limit, in the order ostor-s3-admin prints them. */
    static final List<String> NAMES = List.of("ops:default", "ops:get", "ops:put", "ops:list", "ops:delete",
            "bandwidth:out");

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
    private static final Pattern INTEGER = Pattern.compile("[0-9]+");
    private static final int MAX_VALUE_LENGTH = 32;

    private Limits() {}

    /** One {@code -L key=value} checked against its {@code -t type}: what the PUT sends. */
    record Setting(String type, String key, String value) {}

    /** The keys of a limit type; {@link CliException} (usage) for an unknown type. */
    static List<String> keysOf(String type) {
        return switch (type) {
            case OPS -> OPS_KEYS;
            case BANDWIDTH -> BANDWIDTH_KEYS;
            default -> throw new CliException(ExitStatus.USAGE, "invalid limit type '" + type
                    + "': expected ops or bandwidth");
        };
    }

    /** Parses and checks {@code key=value} for {@code type}; {@link CliException} (usage) when it is wrong. */
    static Setting setting(String rawType, String assignment) {
        String type = rawType.strip().toLowerCase(Locale.ROOT);
        List<String> keys = keysOf(type);
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new CliException(ExitStatus.USAGE, "invalid limit '" + assignment + "': expected key=value, one of "
                    + String.join("=, ", keys) + "=");
        }
        String key = assignment.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = assignment.substring(eq + 1).strip();
        if (!keys.contains(key)) {
            throw new CliException(ExitStatus.USAGE, "invalid " + type + " limit key '" + key + "': expected "
                    + String.join(", ", keys));
        }
        boolean ops = type.equals(OPS);
        if (value.length() > MAX_VALUE_LENGTH || !(ops ? DECIMAL : INTEGER).matcher(value).matches()) {
            throw new CliException(ExitStatus.USAGE, "invalid value '" + value + "' for " + type + ":" + key
                    + (ops ? ": expected a non-negative number of operations per second (0 = unlimited)"
                            : ": expected a non-negative integer number of KB/s (0 = unlimited)"));
        }
        return new Setting(type, key, value);
    }

    /**
     * Reads the service's answer: every known limit, in print order, as a number (0 where the answer leaves one
     * out); {@link IllegalArgumentException} when it is not an object or a value is not a number.
     */
    static Map<String, BigDecimal> fromJson(Object json) {
        Map<String, Object> o = Json.object(json);
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String text = Json.text(o, name);
            BigDecimal value;
            try {
                value = text == null ? BigDecimal.ZERO : new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: '" + text + "'");
            }
            values.put(name, value);
        }
        return values;
    }
}
