package dev.stowage.metering.utapi;

/**
 * The levels ListMetrics answers for: the resource path and body key ({@code buckets}), and the key that names the
 * entity in each answer ({@code bucketName}).
 */
public enum UtapiLevel {
    /** Buckets by name: traffic on the bucket by anyone, the bucket's storage. */
    BUCKETS("buckets", "bucketName"),
    /** Accounts (a Stowage user owns buckets: its id): traffic on its buckets, their storage. */
    ACCOUNTS("accounts", "accountId"),
    /** Users by id: the traffic they sent, the storage of the buckets they own. */
    USERS("users", "userId"),
    /** The whole service ({@code "s3"}): all traffic, all storage. */
    SERVICE("service", "serviceName");

    private final String key;
    private final String entityKey;

    UtapiLevel(String key, String entityKey) {
        this.key = key;
        this.entityKey = entityKey;
    }

    public String key() {
        return key;
    }

    public String entityKey() {
        return entityKey;
    }

    /** The level of a resource path's name, or null. */
    public static UtapiLevel of(String key) {
        for (UtapiLevel l : values()) {
            if (l.key.equals(key)) {
                return l;
            }
        }
        return null;
    }
}
