package dev.stowage.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything about a request but its body, as it came off the wire: the method, the raw (still percent-encoded)
 * path and query, the query parsed into decoded parameters in order, and the headers with lower-cased names.
 * Bucket and key are resolved from path or Host (virtual-hosted style); {@code key} is null for bucket- and
 * service-level requests, {@code bucket} null for service-level ones. {@code sourceIp} is the client's address
 * (null when unknown) and {@code secureTransport} whether it came over TLS, for bucket policy conditions.
 */
public record RequestHead(
        String method,
        String rawPath,
        String rawQuery,
        List<QueryParam> query,
        Map<String, List<String>> headers,
        String bucket,
        String key,
        boolean virtualHosted,
        String requestId,
        String sourceIp,
        boolean secureTransport) {

    /** A head whose connection is not known (no source address, not TLS). */
    public RequestHead(String method, String rawPath, String rawQuery, List<QueryParam> query,
            Map<String, List<String>> headers, String bucket, String key, boolean virtualHosted, String requestId) {
        this(method, rawPath, rawQuery, query, headers, bucket, key, virtualHosted, requestId, null, false);
    }

    /** This head as received from {@code sourceIp}, over TLS or not. */
    public RequestHead withConnection(String sourceIp, boolean secureTransport) {
        return new RequestHead(method, rawPath, rawQuery, query, headers, bucket, key, virtualHosted, requestId,
                sourceIp, secureTransport);
    }

    /** A query parameter, decoded; {@code value} is null for a bare word ({@code ?acl}). */
    public record QueryParam(String name, String value) {}

    /** The first value of a header (name lower-case), or null. */
    public String header(String lowerName) {
        List<String> values = headers.get(lowerName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String lowerName) {
        List<String> values = headers.get(lowerName);
        return values == null ? Collections.emptyList() : values;
    }

    public boolean hasParam(String name) {
        for (QueryParam p : query) {
            if (p.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The decoded value of the first parameter of that name; null when absent or a bare word. */
    public String param(String name) {
        for (QueryParam p : query) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** The S3 resource this request addresses, as errors name it: /bucket/key, /bucket or /. */
    public String resource() {
        if (bucket == null) {
            return "/";
        }
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}
