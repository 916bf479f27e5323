package dev.stowage.observe;

import dev.stowage.auth.Principal;
import dev.stowage.store.BucketInfo;

/**
 * The facts of one request as its path learns them: the route creates it, the pipeline records the action once
 * parsed, the principal once verified and the bucket once resolved; the route finishes it with the status and
 * byte counts. Used by one thread at a time (the request's), so plain fields.
 */
public final class RequestTrace {
    private final String requestId;
    private final String method;
    private final long startNanos;
    private String action;
    private Principal principal;
    private BucketInfo bucket;

    public RequestTrace(String requestId, String method, long startNanos) {
        this.requestId = requestId;
        this.method = method;
        this.startNanos = startNanos;
    }

    public void action(String action) {
        this.action = action;
    }

    public void principal(Principal principal) {
        this.principal = principal;
    }

    public void bucket(BucketInfo bucket) {
        this.bucket = bucket;
    }

    public String action() {
        return action;
    }

    public Principal principal() {
        return principal;
    }

    public BucketInfo bucket() {
        return bucket;
    }

    /** The record of the finished request. */
    public RequestRecord finish(int status, String errorCode, long bytesIn, long bytesOut, long endNanos) {
        String userId = principal == null || principal.isAnonymous() ? null : principal.userId();
        return new RequestRecord(requestId, action, method, userId, bucket == null ? null : bucket.name(),
                bucket == null ? 0 : bucket.epoch(), status, errorCode, bytesIn, bytesOut, endNanos - startNanos);
    }
}
