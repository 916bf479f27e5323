package dev.stowage.s3.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a bucket policy is asked about one request: who ({@code userId} null when anonymous), the policy action
 * ({@code s3:GetObject}), the resource's ARN, and the request's condition keys (lower-cased names, each with its
 * values; a key the request does not have is absent).
 */
public record PolicyRequest(String userId, String action, String resource, Map<String, List<String>> conditionKeys) {
    public static final String ARN_PREFIX = "arn:aws:s3:::";

    /** The ARN of a bucket, or of an object in it when {@code key} is not null. */
    public static String arn(String bucket, String key) {
        return key == null ? ARN_PREFIX + bucket : ARN_PREFIX + bucket + "/" + key;
    }

    /** The values of a condition key (any case), or null when the request does not have it. */
    List<String> values(String key) {
        return conditionKeys.get(key.toLowerCase(Locale.ROOT));
    }
}
