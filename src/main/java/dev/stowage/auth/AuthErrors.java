package dev.stowage.auth;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The authentication failures, worded and decorated the way AWS answers them. */
final class AuthErrors {
    static final long MAX_SKEW_MILLIS = 15 * 60 * 1000L;

    private AuthErrors() {}

    static S3Exception malformedV4Header(String detail) {
        return new S3Exception(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization header is malformed; " + detail);
    }

    static S3Exception malformedV4Query(String detail) {
        return new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, detail);
    }

    static S3Exception invalidArgument(String message, String name, String value) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message)
                .element("ArgumentName", name)
                .element("ArgumentValue", value);
    }

    static S3Exception onlyOneAuthMechanism(String authorization) {
        return invalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                + "Signature query string parameter or the Authorization header should be specified",
                "Authorization", authorization);
    }

    static S3Exception unsupportedAuthorizationType(String authorization) {
        return invalidArgument("Unsupported Authorization Type", "Authorization", authorization);
    }

    static S3Exception missingDate() {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED,
                "AWS authentication requires a valid Date or x-amz-date header");
    }

    static S3Exception unknownAccessKey(String accessKeyId) {
        return new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID).element("AWSAccessKeyId", accessKeyId);
    }

    static S3Exception skewed(String requestTime, Instant now) {
        return new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED)
                .element("RequestTime", requestTime)
                .element("ServerTime", iso(now))
                .element("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW_MILLIS));
    }

    static S3Exception expired() {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
    }

    static S3Exception signatureMismatch() {
        return new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    static S3Exception incompleteBody(String message) {
        return new S3Exception(S3ErrorCode.INCOMPLETE_BODY, message);
    }

    static S3Exception invalidRequest(String message) {
        return new S3Exception(S3ErrorCode.INVALID_REQUEST, message);
    }

    /** ISO 8601 to the second, as AWS shows {@code ServerTime} and {@code Expires}. */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
