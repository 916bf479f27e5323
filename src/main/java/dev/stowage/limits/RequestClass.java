package dev.stowage.limits;

/**
 * Which ops limit governs a request. Every S3 operation belongs to one class ({@code S3Operation.limitClass()}):
 * listings are {@link #LIST}; otherwise the HTTP method decides — GET/HEAD {@link #GET}, PUT/POST (and copies and
 * multipart steps when they come) {@link #PUT}, DELETE {@link #DELETE}. A class without a limit of its own is
 * governed by {@code ops:default}.
 */
public enum RequestClass {
    GET(LimitKey.OPS_GET),
    PUT(LimitKey.OPS_PUT),
    LIST(LimitKey.OPS_LIST),
    DELETE(LimitKey.OPS_DELETE);

    private final LimitKey key;

    RequestClass(LimitKey key) {
        this.key = key;
    }

    /** The class's own limit. */
    public LimitKey key() {
        return key;
    }

    /** The requests per second a subject's limits allow this class: its own limit, else the default; 0 = unlimited. */
    public double rate(LimitSet limits) {
        double own = limits.get(key);
        return own > 0 ? own : limits.get(LimitKey.OPS_DEFAULT);
    }
}
