package dev.stowage.s3.lifecycle;

import dev.stowage.s3.tagging.TagSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One rule of a bucket's lifecycle configuration, validated. Its filter is a key prefix, tags every one of which
 * the object must carry, and size bounds (bytes, exclusive; -1 when absent); {@code legacyPrefix} when the rule
 * named its prefix outside a {@code Filter}, as the 2006 API did (it is shown back the same way). Its actions:
 * expiration after {@code expirationDays} days (AWS's rounding: the object's creation time plus the days, rounded
 * up to the next midnight UTC) or at {@code expirationDate}; {@code expiredObjectDeleteMarker}; removal of
 * multipart uploads {@code abortAfterDays} days after they began; and {@code noncurrentDays} /
 * {@code newerNoncurrentVersions} for noncurrent versions (0 / -1 when absent).
 */
public record LifecycleRule(String id, boolean enabled, String prefix, boolean legacyPrefix, Map<String, String> tags,
        long sizeGreaterThan, long sizeLessThan, boolean filterGiven, int expirationDays, Instant expirationDate,
        Boolean expiredObjectDeleteMarker, int abortAfterDays, int noncurrentDays, int newerNoncurrentVersions) {

    public LifecycleRule {
        tags = Map.copyOf(tags);
    }

    /** Whether the rule expires current objects (by days or by date). */
    public boolean expiresObjects() {
        return expirationDays > 0 || expirationDate != null;
    }

    /** Whether an object of this key, size and tags is one the rule's filter selects. */
    public boolean selects(String key, long size, TagSet objectTags) {
        if (!key.startsWith(prefix)) {
            return false;
        }
        if (sizeGreaterThan >= 0 && size <= sizeGreaterThan) {
            return false;
        }
        if (sizeLessThan >= 0 && size >= sizeLessThan) {
            return false;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(objectTags.tags().get(tag.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** When an object written at {@code lastModified} expires under this rule; null when the rule expires nothing. */
    public Instant expiryOf(Instant lastModified) {
        if (expirationDate != null) {
            return expirationDate;
        }
        if (expirationDays <= 0) {
            return null;
        }
        return lastModified.plus(Duration.ofDays(expirationDays)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /** When an upload begun at {@code initiated} is removed under this rule; null when the rule removes none. */
    public Instant abortOf(Instant initiated) {
        return abortAfterDays <= 0 ? null
                : initiated.plus(Duration.ofDays(abortAfterDays)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }
}
