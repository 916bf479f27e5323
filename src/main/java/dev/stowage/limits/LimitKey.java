package dev.stowage.limits;

/**
 * One limit a service plan can set, named as ostor names it ({@code ops:get}, {@code bandwidth:out}). ops values
 * are requests per second (fractions allowed, shown with two decimals); bandwidth is KB/s (an integer). 0 means
 * unlimited.
 */
public enum LimitKey {
    OPS_DEFAULT("ops", "default"),
    OPS_GET("ops", "get"),
    OPS_PUT("ops", "put"),
    OPS_LIST("ops", "list"),
    OPS_DELETE("ops", "delete"),
    BANDWIDTH_OUT("bandwidth", "out");

    private final String type;
    private final String resource;

    LimitKey(String type, String resource) {
        this.type = type;
        this.resource = resource;
    }

    /** {@code ops} or {@code bandwidth} (the service's limit-type). */
    public String type() {
        return type;
    }

    /** {@code default}, {@code get}, ..., {@code out} (the service's limit-resource). */
    public String resource() {
        return resource;
    }

    /** The name in JSON and CLI output: {@code ops:get}. */
    public String wireName() {
        return type + ":" + resource;
    }

    /** The key of a type and resource, or null when there is none. */
    public static LimitKey of(String type, String resource) {
        for (LimitKey k : values()) {
            if (k.type.equals(type) && k.resource.equals(resource)) {
                return k;
            }
        }
        return null;
    }
}
