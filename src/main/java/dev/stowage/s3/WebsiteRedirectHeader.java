package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;

/**
 * {@code x-amz-website-redirect-location} on a write (PutObject, POST Object, CreateMultipartUpload, CopyObject):
 * S3 keeps it with the object and returns it on GET and HEAD. Stowage serves no website endpoint, so it only keeps
 * and returns it, for tools that set it and read it back. A copy does not inherit it from its source; it takes the
 * request's, as AWS does. A value not starting with {@code /}, {@code http://} or {@code https://} is 400
 * InvalidRedirectLocation.
 */
public final class WebsiteRedirectHeader {
    public static final String HEADER = "x-amz-website-redirect-location";
    /** The object's system fact holding the value. */
    public static final String FACT = "website-redirect";

    private WebsiteRedirectHeader() {}

    /** The request's redirect location, validated; null when the request names none. */
    public static String of(RequestHead head) {
        String value = head.header(HEADER);
        if (value == null) {
            return null;
        }
        if (!(value.startsWith("/") || value.startsWith("http://") || value.startsWith("https://"))) {
            throw new S3Exception(S3ErrorCode.INVALID_REDIRECT_LOCATION).element("RedirectLocation", value);
        }
        return value;
    }
}
