package dev.stowage.store;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket's facts. {@code epoch} is new each time a bucket of this name is created, so usage of successive
 * buckets of one name can be told apart. {@code settings} is the bucket's counterpart of an object's system facts:
 * a name → value bag the store keeps opaque and durable (in {@code bucket.json}), changed through {@link
 * ObjectStore#updateBucket}; the S3 surface keeps the bucket's ACL, tags and CORS rules there (see {@code
 * dev.stowage.s3.access.BucketAccess} for the names).
 */
public record BucketInfo(String name, String ownerId, Instant created, long epoch, String location,
        Map<String, String> settings) {

    public BucketInfo {
        settings = settings == null || settings.isEmpty() ? Map.of() : Map.copyOf(settings);
    }

    /** A bucket without settings. */
    public BucketInfo(String name, String ownerId, Instant created, long epoch, String location) {
        this(name, ownerId, created, epoch, location, Map.of());
    }

    /** One setting, or null when it is not set. */
    public String setting(String settingName) {
        return settings.get(settingName);
    }

    /** These facts with {@code changes} applied to the settings: a null value removes that setting. */
    public BucketInfo withSettings(Map<String, String> changes) {
        Map<String, String> next = new TreeMap<>(settings);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (change.getValue() == null) {
                next.remove(change.getKey());
            } else {
                next.put(change.getKey(), change.getValue());
            }
        }
        return new BucketInfo(name, ownerId, created, epoch, location, next);
    }
}
