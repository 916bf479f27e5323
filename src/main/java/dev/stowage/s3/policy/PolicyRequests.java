package dev.stowage.s3.policy;

import dev.stowage.auth.Principal;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation;
import dev.stowage.s3.tagging.TagSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link PolicyRequest} of an S3 request: its action and resource, and the condition keys AWS defines
 * that Stowage can know — {@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime},
 * {@code aws:EpochTime}, {@code aws:UserAgent}, {@code aws:Referer}, {@code aws:userid},
 * {@code aws:PrincipalType}; {@code s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys} of listings; the
 * {@code s3:x-amz-*} request headers (ACL and grants, copy source, metadata directive, storage class, server-side
 * encryption, content SHA-256); {@code s3:authType}, {@code s3:signatureversion}, {@code s3:VersionId};
 * {@code s3:RequestObjectTag/<key>} and {@code s3:RequestObjectTagKeys} of {@code x-amz-tagging}; and
 * {@code s3:ExistingObjectTag/<key>} when the object is known.
 */
public final class PolicyRequests {
    private static final Set<String> HEADER_KEYS = Set.of(S3Headers.X_AMZ_ACL, "x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control", "x-amz-copy-source",
            "x-amz-metadata-directive", "x-amz-storage-class", "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-content-sha256", "x-amz-website-redirect-location",
            "x-amz-object-ownership");

    private PolicyRequests() {}

    /**
     * The condition keys of a request, the same for every key it names (taken once per request): {@code op} is null
     * for the source of a copy.
     */
    public static Map<String, List<String>> conditionKeys(S3Operation op, Principal principal, RequestHead head) {
        Map<String, List<String>> keys = new HashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        put(keys, "aws:CurrentTime", now.toString());
        put(keys, "aws:EpochTime", Long.toString(now.getEpochSecond()));
        put(keys, "aws:SecureTransport", Boolean.toString(head.secureTransport()));
        put(keys, "aws:SourceIp", head.sourceIp());
        put(keys, "aws:UserAgent", head.header("user-agent"));
        put(keys, "aws:Referer", head.header("referer"));
        put(keys, "aws:PrincipalType", principal.isAnonymous() ? "Anonymous" : "User");
        put(keys, "aws:userid", principal.userId());
        if (op instanceof S3Operation.ListObjects || op instanceof S3Operation.ListObjectsV2
                || op instanceof S3Operation.ListObjectVersions || op instanceof S3Operation.ListMultipartUploads) {
            put(keys, "s3:prefix", head.param("prefix"));
            put(keys, "s3:delimiter", head.param("delimiter"));
            put(keys, "s3:max-keys", head.param(op instanceof S3Operation.ListMultipartUploads ? "max-uploads" : "max-keys"));
        }
        for (String header : HEADER_KEYS) {
            put(keys, "s3:" + header, head.header(header));
        }
        put(keys, "s3:VersionId", head.param("versionId"));
        put(keys, "s3:authType", authType(op, head));
        put(keys, "s3:signatureversion", signatureVersion(head));
        String tagging = head.header(S3Headers.X_AMZ_TAGGING);
        if (tagging != null) {
            try {
                TagSet requested = TagSet.fromHeader(tagging);
                requested.tags().forEach((k, v) -> put(keys, "s3:RequestObjectTag/" + k, v));
                keys.put("s3:requestobjecttagkeys", new ArrayList<>(requested.tags().keySet()));
            } catch (RuntimeException e) {
                // a malformed header is refused by the handler with its own error; no tag keys here
            }
        }
        return keys;
    }

    /**
     * The policy request checked as {@code action} on {@code key} of {@code bucket} ({@code null}: the bucket itself)
     * by {@code userId}, with the request's {@link #conditionKeys} and, when the object is loaded, its tags.
     */
    public static PolicyRequest of(String userId, String action, String bucket, String key,
            Map<String, List<String>> conditionKeys, TagSet existingTags) {
        Map<String, List<String>> keys = conditionKeys;
        if (existingTags != null && !existingTags.isEmpty()) {
            keys = new HashMap<>(conditionKeys);
            for (Map.Entry<String, String> tag : existingTags.tags().entrySet()) {
                put(keys, "s3:ExistingObjectTag/" + tag.getKey(), tag.getValue());
            }
        }
        return new PolicyRequest(userId, action, PolicyRequest.arn(bucket, key), keys);
    }

    private static String authType(S3Operation op, RequestHead head) {
        if (op instanceof S3Operation.PostObject) {
            return "POST";
        }
        if (head.header(S3Headers.AUTHORIZATION) != null) {
            return "REST-HEADER";
        }
        return head.hasParam("X-Amz-Signature") || head.hasParam("Signature") ? "REST-QUERY-STRING" : null;
    }

    private static String signatureVersion(RequestHead head) {
        String authorization = head.header(S3Headers.AUTHORIZATION);
        if (authorization != null) {
            return authorization.startsWith("AWS4-") ? "AWS4-HMAC-SHA256" : "AWS";
        }
        if (head.hasParam("X-Amz-Signature")) {
            return "AWS4-HMAC-SHA256";
        }
        return head.hasParam("Signature") ? "AWS" : null;
    }

    private static void put(Map<String, List<String>> keys, String name, String value) {
        if (value != null) {
            keys.put(name.toLowerCase(Locale.ROOT), List.of(value));
        }
    }
}
