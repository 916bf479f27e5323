package dev.stowage.auth;

/** The header and query parameter names of S3 request authentication, in one place. */
final class AuthNames {
    private AuthNames() {}

    // Headers (lower-case, as RequestHead holds them).
    static final String AUTHORIZATION = "authorization";
    static final String DATE = "date";
    static final String X_AMZ_DATE = "x-amz-date";
    static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
    static final String X_AMZ_DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";
    static final String X_AMZ_TRAILER = "x-amz-trailer";
    static final String X_AMZ_TRAILER_SIGNATURE = "x-amz-trailer-signature";
    static final String X_AMZ_CHECKSUM_PREFIX = "x-amz-checksum-";
    static final String X_AMZ_PREFIX = "x-amz-";
    static final String CONTENT_LENGTH = "content-length";
    static final String CONTENT_MD5 = "content-md5";
    static final String CONTENT_TYPE = "content-type";

    // SigV4 presigned query parameters.
    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    static final String X_AMZ_DATE_PARAM = "X-Amz-Date";
    static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_CONTENT_SHA256_PARAM = "X-Amz-Content-Sha256";

    // SigV2 presigned query parameters.
    static final String AWS_ACCESS_KEY_ID = "AWSAccessKeyId";
    static final String EXPIRES = "Expires";
    static final String SIGNATURE = "Signature";

    /** Query parameters whose presence makes the V2 canonical resource the path and the first query word only. */
    static final String OSTOR_PREFIX = "ostor-";

    // POST Object form fields (lower-case: form field names are case-insensitive).
    static final String FORM_POLICY = "policy";
    static final String FORM_SIGNATURE = "signature";
    static final String FORM_AWS_ACCESS_KEY_ID = "awsaccesskeyid";
    static final String FORM_X_AMZ_ALGORITHM = "x-amz-algorithm";
    static final String FORM_X_AMZ_CREDENTIAL = "x-amz-credential";
    static final String FORM_X_AMZ_SIGNATURE = "x-amz-signature";

    // Scheme and payload markers.
    static final String AWS4_HMAC_SHA256 = "AWS4-HMAC-SHA256";
    static final String AWS_V2_SCHEME = "AWS";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
}
