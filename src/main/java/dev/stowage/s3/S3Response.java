package dev.stowage.s3;

import dev.stowage.limits.BodyThrottle;
import dev.stowage.store.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers: a status, headers in order, and a body. Handlers return it; only the response
 * writer puts it on the wire.
 */
public final class S3Response {
    private final int status;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>(8);
    private Body body = EMPTY;
    private BodyThrottle throttle;
    private String errorCode;

    private S3Response(int status) {
        this.status = status;
    }

    public static S3Response status(int status) {
        return new S3Response(status);
    }

    public static S3Response ok() {
        return new S3Response(200);
    }

    public static S3Response noContent() {
        return new S3Response(204);
    }

    public static S3Response xml(int status, byte[] xml) {
        S3Response r = new S3Response(status);
        r.body = new Bytes(xml, "application/xml");
        return r;
    }

    public S3Response header(String name, String value) {
        if (value != null) {
            headers.add(Map.entry(name, value));
        }
        return this;
    }

    public S3Response body(Body body) {
        this.body = body;
        return this;
    }

    /** Marks this as the error response of {@code code} (the wire code, e.g. NoSuchKey), for the request's record. */
    public S3Response errorCode(String code) {
        this.errorCode = code;
        return this;
    }

    /** The S3 error code this response carries, null for a success. */
    public String errorCode() {
        return errorCode;
    }

    /** Paces the body to the bandwidth limits that apply to the request (null: send at full speed). */
    public S3Response throttle(BodyThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    public int status() {
        return status;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public Body body() {
        return body;
    }

    /** How to pace the body, or null when no bandwidth limit applies. */
    public BodyThrottle throttle() {
        return throttle;
    }

    /** The body of a response. */
    public sealed interface Body permits Empty, Bytes, ObjectContent {}

    /** No body. {@code contentLength} is what HEAD announces (-1 for none). */
    public record Empty(long contentLength) implements Body {}

    public static final Empty EMPTY = new Empty(-1);

    /** A small rendered body (XML, JSON). */
    public record Bytes(byte[] data, String contentType) implements Body {}

    /** Object bytes streamed from the store: {@code length} bytes from {@code offset}; the writer closes the reader. */
    public record ObjectContent(ObjectReader reader, long offset, long length) implements Body {}
}
