package dev.stowage.usage;

/**
 * What a usage item counts for: a bucket (its name and epoch, so successive buckets of one name stay apart), the
 * user whose signature the requests carried, and a tag (ostor's; always empty here).
 */
public record UsageKey(String bucket, long epoch, String userId, String tag) {
    public UsageKey {
        if (bucket == null || userId == null || tag == null) {
            throw new IllegalArgumentException("bucket, user id and tag are required");
        }
    }
}
