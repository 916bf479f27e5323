package dev.stowage.s3.cors;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * The CORS headers of a response: on a preflight from the rule that allowed it; on an actual request (success or
 * error) with an {@code Origin} header, from the first rule of the addressed bucket that matches its origin and
 * method. Without a matching rule a response gets none, as AWS answers.
 */
@ApplicationScoped
public class CorsHeaders {
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    private final ObjectStore store;

    public CorsHeaders(ObjectStore store) {
        this.store = store;
    }

    /** Adds the CORS headers an actual request's response carries. Never fails: any problem means no headers. */
    public S3Response decorate(RequestHead head, S3Response response) {
        String origin = head.header(S3Headers.ORIGIN);
        if (origin == null || head.bucket() == null || "OPTIONS".equals(head.method())) {
            return response;
        }
        try {
            BucketInfo bucket = store.bucket(head.bucket());
            String stored = bucket.setting(BucketAccess.CORS);
            if (stored == null) {
                return response;
            }
            CorsRule rule = CorsConfiguration.decode(stored).match(origin, head.method(), List.of());
            return rule == null ? response : add(response, rule, origin, null);
        } catch (IOException | RuntimeException e) {
            return response;
        }
    }

    /** Adds the headers of {@code rule} for {@code origin}; {@code requestHeaders} (preflight only) are echoed. */
    static S3Response add(S3Response response, CorsRule rule, String origin, String requestHeaders) {
        boolean anyOrigin = "*".equals(rule.matchingOrigin(origin));
        response.header(S3Headers.ACCESS_CONTROL_ALLOW_ORIGIN_OUT, anyOrigin ? "*" : origin)
                .header(S3Headers.ACCESS_CONTROL_ALLOW_METHODS_OUT, String.join(", ", rule.allowedMethods()));
        if (requestHeaders != null && !requestHeaders.isEmpty()) {
            response.header(S3Headers.ACCESS_CONTROL_ALLOW_HEADERS_OUT, requestHeaders);
        }
        if (!rule.exposeHeaders().isEmpty()) {
            response.header(S3Headers.ACCESS_CONTROL_EXPOSE_HEADERS_OUT, String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            response.header(S3Headers.ACCESS_CONTROL_MAX_AGE_OUT, Integer.toString(rule.maxAgeSeconds()));
        }
        if (!anyOrigin) {
            response.header(S3Headers.ACCESS_CONTROL_ALLOW_CREDENTIALS_OUT, "true");
        }
        return response.header(S3Headers.VARY_OUT, VARY);
    }
}
