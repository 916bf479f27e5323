package dev.stowage.s3.cors;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers a browser's preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from
 * the bucket's CORS rules, without authentication, with AWS's errors: 400 BadRequest without an Origin or with an
 * unknown method, 403 AccessForbidden when the bucket has no rules or none matches.
 */
public final class CorsPreflight {
    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");

    private CorsPreflight() {}

    public static S3Response answer(RequestHead head, BucketInfo bucket) {
        String origin = head.header(S3Headers.ORIGIN);
        if (origin == null || origin.isEmpty()) {
            throw new S3Exception(S3ErrorCode.BAD_REQUEST, "Insufficient information. Origin request header needed.");
        }
        String method = head.header(S3Headers.ACCESS_CONTROL_REQUEST_METHOD);
        if (method == null || !METHODS.contains(method)) {
            throw new S3Exception(S3ErrorCode.BAD_REQUEST, "Invalid Access-Control-Request-Method: " + method);
        }
        String resourceType = head.key() == null ? "BUCKET" : "OBJECT";
        String stored = bucket.setting(BucketAccess.CORS);
        if (stored == null) {
            throw new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN, "CORSResponse: CORS is not enabled for this bucket.")
                    .element("Method", method)
                    .element("ResourceType", resourceType);
        }
        List<String> requested = requestedHeaders(head.header(S3Headers.ACCESS_CONTROL_REQUEST_HEADERS));
        CorsRule rule = CorsConfiguration.decode(stored).match(origin, method, requested);
        if (rule == null) {
            throw new S3Exception(S3ErrorCode.ACCESS_FORBIDDEN)
                    .element("Method", method)
                    .element("ResourceType", resourceType);
        }
        S3Response response = S3Response.ok().body(new S3Response.Empty(0));
        return CorsHeaders.add(response, rule, origin, String.join(", ", requested));
    }

    private static List<String> requestedHeaders(String header) {
        List<String> names = new ArrayList<>();
        if (header != null) {
            for (String name : header.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }
}
