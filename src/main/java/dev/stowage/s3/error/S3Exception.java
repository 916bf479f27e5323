package dev.stowage.s3.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one exception type that carries an S3 error to the wire: the code, a message (the code's default unless
 * a more helpful one is given), the resource, ordered extra XML elements (e.g. {@code BucketName},
 * {@code RangeRequested}) and extra response headers.
 */
public final class S3Exception extends RuntimeException {
    private final S3ErrorCode error;
    private String resource;
    private final List<Map.Entry<String, String>> extraElements = new ArrayList<>(2);
    private final Map<String, String> extraHeaders = new LinkedHashMap<>(2);

    public S3Exception(S3ErrorCode error) {
        this(error, error.message());
    }

    public S3Exception(S3ErrorCode error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public S3Exception(S3ErrorCode error, String message, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
    }

    public static S3Exception of(S3ErrorCode error) {
        return new S3Exception(error);
    }

    public S3Exception resource(String resource) {
        this.resource = resource;
        return this;
    }

    /** Adds an element after Code/Message/Resource in the error XML, in call order. */
    public S3Exception element(String name, String value) {
        extraElements.add(Map.entry(name, value == null ? "" : value));
        return this;
    }

    public S3Exception header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public S3ErrorCode error() {
        return error;
    }

    public String resource() {
        return resource;
    }

    public List<Map.Entry<String, String>> extraElements() {
        return Collections.unmodifiableList(extraElements);
    }

    public Map<String, String> extraHeaders() {
        return Collections.unmodifiableMap(extraHeaders);
    }
}
