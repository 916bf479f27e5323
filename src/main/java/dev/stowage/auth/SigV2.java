package dev.stowage.auth;

import dev.stowage.http.RequestHead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature Version 2, as pure functions: the string to sign, its canonicalized amz headers and resource, and
 * the HMAC-SHA1.
 */
final class SigV2 {
    /** The sub-resources that are part of the canonicalized resource; any other parameter is not signed. */
    static final Set<String> SUB_RESOURCES = Set.of(
            "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy",
            "requestPayment", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions",
            "website", "restore", "select", "select-type", "object-lock", "retention", "legal-hold", "replication",
            "encryption", "accelerate", "analytics", "inventory", "metrics", "intelligent-tiering",
            "ownershipControls", "publicAccessBlock",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding");

    private SigV2() {}

    static String stringToSign(String method, String contentMd5, String contentType, String date,
            String canonicalizedAmzHeaders, String canonicalizedResource) {
        return method + '\n' + nullToEmpty(contentMd5) + '\n' + nullToEmpty(contentType) + '\n' + nullToEmpty(date)
                + '\n' + canonicalizedAmzHeaders + canonicalizedResource;
    }

    /** Every {@code x-amz-*} header, sorted, values trimmed and joined with {@code ,}, each as {@code name:value\n}. */
    static String canonicalizedAmzHeaders(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> amz = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().startsWith(AuthNames.X_AMZ_PREFIX)) {
                amz.put(e.getKey(), e.getValue());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> e : amz.entrySet()) {
            out.append(e.getKey()).append(':');
            List<String> values = e.getValue();
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(SignedHeaderText.of(values.get(i).trim()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The canonicalized resource for a path (already prefixed with {@code /bucket} for virtual-hosted requests).
     * With an {@code ostor-*} parameter: the path, {@code ?} and the raw query up to the first {@code &}, nothing
     * else. Otherwise the path and the sub-resources present, sorted, values decoded.
     */
    static String canonicalizedResource(String path, QueryString query) {
        if (query.anyNameStartsWith(AuthNames.OSTOR_PREFIX)) {
            return path + '?' + query.firstSegment();
        }
        TreeMap<String, String> signed = new TreeMap<>();
        for (QueryString.Param p : query.params()) {
            String name = p.name();
            if (SUB_RESOURCES.contains(name) && !signed.containsKey(name)) {
                signed.put(name, p.value());
            }
        }
        if (signed.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> e : signed.entrySet()) {
            out.append(separator).append(e.getKey());
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                out.append('=').append(e.getValue());
            }
            separator = '&';
        }
        return out.toString();
    }

    /**
     * The candidate canonicalized resources, most likely first: the path as sent, then re-encoded S3-style from
     * its decoded form, then fully decoded (clients differ in what they sign).
     */
    static List<String> canonicalizedResources(RequestHead head, QueryString query) {
        String prefix = head.virtualHosted() && head.bucket() != null ? "/" + head.bucket() : "";
        String rawPath = head.rawPath() == null || head.rawPath().isEmpty() ? "/" : head.rawPath();
        Set<String> paths = new LinkedHashSet<>();
        paths.add(prefix + rawPath);
        paths.add(prefix + UriEncoding.canonical(rawPath, true));
        paths.add(prefix + UriEncoding.decode(rawPath));
        if (!head.virtualHosted() && head.bucket() != null && head.key() == null && !rawPath.endsWith("/")) {
            // botocore signs a path-style request for a bucket as "/bucket/" while it sends "/bucket"
            paths.add(rawPath + "/");
        }
        List<String> resources = new ArrayList<>(paths.size());
        for (String path : paths) {
            resources.add(canonicalizedResource(path, query));
        }
        return resources;
    }

    static byte[] hmacSha1(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
