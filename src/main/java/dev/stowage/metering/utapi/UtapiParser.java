package dev.stowage.metering.utapi;

import dev.stowage.metering.Slots;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Parses {@code POST /<level>?Action=ListMetrics} with its JSON body {@code {"<level>": [...], "timeRange": [start,
 * end]}} as UTAPI validates it. Pure: the time of the request is passed in.
 */
public final class UtapiParser {
    /** UTAPI's limit of entities per call. */
    public static final int MAX_ENTITIES = 100;
    public static final String ACTION = "Action";
    public static final String LIST_METRICS = "ListMetrics";
    public static final String TIME_RANGE = "timeRange";
    public static final String SERVICE_NAME = "s3";
    static final String TIME_RANGE_MESSAGE = "Timestamps must be one of the following intervals for any past"
            + " day/hour (mm:ss:SS) - start must be one of [00:00:000, 15:00:000, 30:00:000, 45:00:000], end must be"
            + " one of [14:59:999, 29:59:999, 44:59:999, 59:59:999]. Start must not be greater than end.";

    private UtapiParser() {}

    /**
     * @param method the HTTP method
     * @param path the decoded path ({@code /buckets})
     * @param action the {@code Action} query parameter, null when absent
     * @param body the request body
     * @param nowMillis the time of the request
     */
    public static ListMetricsRequest parse(String method, String path, String action, String body, long nowMillis) {
        if (action == null || action.isEmpty()) {
            throw new UtapiException(UtapiError.MISSING_ACTION, "The request is missing the Action parameter.");
        }
        UtapiLevel level = UtapiLevel.of(path.length() > 1 ? path.substring(1) : UtapiLevel.SERVICE.key());
        if (level == null || !method.equals("POST") || !action.equals(LIST_METRICS)) {
            throw new UtapiException(UtapiError.INVALID_ACTION, "The action " + action + " is invalid for " + method
                    + " " + path + ": use POST /buckets, /accounts, /users or /service with Action=ListMetrics.");
        }
        JsonObject json;
        try {
            json = body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new UtapiException(UtapiError.INVALID_PARAMETER_VALUE, "The request body is not a JSON object.");
        }
        Object resources = json.getValue(level.key());
        if (resources == null) {
            throw new UtapiException(UtapiError.MISSING_PARAMETER, "The request body needs \"" + level.key()
                    + "\": a list of " + level.key() + ".");
        }
        Object range = json.getValue(TIME_RANGE);
        if (range == null) {
            throw new UtapiException(UtapiError.MISSING_PARAMETER, "The request body needs \"timeRange\": [start, end]"
                    + " in milliseconds since the epoch.");
        }
        List<String> names = resources(level, resources);
        long[] times = timeRange(range, nowMillis);
        return new ListMetricsRequest(level, names, times[0], times[1]);
    }

    private static List<String> resources(UtapiLevel level, Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new UtapiException(UtapiError.INVALID_PARAMETER_VALUE, "\"" + level.key()
                    + "\" must be a non-empty list of strings.");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw new UtapiException(UtapiError.INVALID_PARAMETER_VALUE, "\"" + level.key()
                        + "\" must be a non-empty list of strings.");
            }
            if (level == UtapiLevel.SERVICE && !s.equals(SERVICE_NAME)) {
                throw new UtapiException(UtapiError.INVALID_PARAMETER_VALUE, "The only service is \"s3\".");
            }
            names.add(s);
        }
        if (array.size() > MAX_ENTITIES) {
            throw new UtapiException(UtapiError.VALIDATION_ERROR, "At most " + MAX_ENTITIES + " " + level.key()
                    + " per call; " + array.size() + " given.");
        }
        return new ArrayList<>(names);
    }

    private static long[] timeRange(Object value, long nowMillis) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 2) {
            throw badRange();
        }
        long start = millis(array.getValue(0));
        boolean hasEnd = array.size() == 2;
        long end = hasEnd ? millis(array.getValue(1)) : nowMillis;
        if (!Slots.isSlotStart(start) || (hasEnd && !Slots.isSlotStart(end + 1)) || start > end) {
            throw badRange();
        }
        return new long[] {start, end};
    }

    private static long millis(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.007199254740992E15) {
            return n.longValue();
        }
        throw badRange();
    }

    private static UtapiException badRange() {
        return new UtapiException(UtapiError.INVALID_PARAMETER_VALUE, TIME_RANGE_MESSAGE);
    }
}
