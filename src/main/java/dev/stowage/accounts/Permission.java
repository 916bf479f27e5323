package dev.stowage.accounts;

/**
 * A permission granted to a user on top of what owning buckets gives it, named as the policy action it stands for.
 * Room for more; today the one UTAPI defines.
 */
public enum Permission {
    /** May read metrics through UTAPI ListMetrics (its own buckets, account and user only, unless a system user). */
    UTAPI_LIST_METRICS("utapi:ListMetrics");

    private final String wire;

    Permission(String wire) {
        this.wire = wire;
    }

    /** The name clients use: {@code utapi:ListMetrics}. */
    public String wire() {
        return wire;
    }

    /** The permission of a name, or null. */
    public static Permission fromWire(String name) {
        for (Permission p : values()) {
            if (p.wire.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
