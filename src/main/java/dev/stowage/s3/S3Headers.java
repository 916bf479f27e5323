package dev.stowage.s3;

/** Header and query-parameter names used by the S3 surface (lower-case where they are looked up). */
public final class S3Headers {
    private S3Headers() {}

    public static final String AUTHORIZATION = "authorization";
    public static final String CACHE_CONTROL = "cache-control";
    public static final String CONTENT_DISPOSITION = "content-disposition";
    public static final String CONTENT_ENCODING = "content-encoding";
    public static final String CONTENT_LANGUAGE = "content-language";
    public static final String CONTENT_LENGTH = "content-length";
    public static final String CONTENT_MD5 = "content-md5";
    public static final String CONTENT_TYPE = "content-type";
    public static final String EXPECT = "expect";
    public static final String EXPIRES = "expires";
    public static final String HOST = "host";
    public static final String IF_MATCH = "if-match";
    public static final String IF_MODIFIED_SINCE = "if-modified-since";
    public static final String IF_NONE_MATCH = "if-none-match";
    public static final String IF_UNMODIFIED_SINCE = "if-unmodified-since";
    public static final String RANGE = "range";
    public static final String TRANSFER_ENCODING = "transfer-encoding";
    public static final String X_AMZ_META_PREFIX = "x-amz-meta-";
    public static final String X_AMZ_ACL = "x-amz-acl";
    public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
    public static final String X_AMZ_DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";

    // Response header names, in the casing AWS sends.
    public static final String ACCEPT_RANGES_OUT = "Accept-Ranges";
    public static final String CACHE_CONTROL_OUT = "Cache-Control";
    public static final String CONTENT_DISPOSITION_OUT = "Content-Disposition";
    public static final String CONTENT_ENCODING_OUT = "Content-Encoding";
    public static final String CONTENT_LANGUAGE_OUT = "Content-Language";
    public static final String CONTENT_LENGTH_OUT = "Content-Length";
    public static final String CONTENT_RANGE_OUT = "Content-Range";
    public static final String CONTENT_TYPE_OUT = "Content-Type";
    public static final String ETAG_OUT = "ETag";
    public static final String EXPIRES_OUT = "Expires";
    public static final String LAST_MODIFIED_OUT = "Last-Modified";
    public static final String LOCATION_OUT = "Location";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String X_AMZ_BUCKET_REGION_OUT = "x-amz-bucket-region";
    public static final String X_AMZ_REQUEST_ID_OUT = "x-amz-request-id";
    public static final String X_AMZ_ID_2_OUT = "x-amz-id-2";

    // Query parameters.
    public static final String P_CONTINUATION_TOKEN = "continuation-token";
    public static final String P_DELIMITER = "delimiter";
    public static final String P_ENCODING_TYPE = "encoding-type";
    public static final String P_FETCH_OWNER = "fetch-owner";
    public static final String P_LIST_TYPE = "list-type";
    public static final String P_MARKER = "marker";
    public static final String P_MAX_KEYS = "max-keys";
    public static final String P_PREFIX = "prefix";
    public static final String P_START_AFTER = "start-after";
    public static final String P_LOCATION = "location";

    // Access control, tagging and CORS.
    public static final String X_AMZ_GRANT_FULL_CONTROL = "x-amz-grant-full-control";
    public static final String X_AMZ_GRANT_READ = "x-amz-grant-read";
    public static final String X_AMZ_GRANT_WRITE = "x-amz-grant-write";
    public static final String X_AMZ_GRANT_READ_ACP = "x-amz-grant-read-acp";
    public static final String X_AMZ_GRANT_WRITE_ACP = "x-amz-grant-write-acp";
    public static final String X_AMZ_TAGGING = "x-amz-tagging";
    public static final String X_AMZ_TAGGING_DIRECTIVE = "x-amz-tagging-directive";
    public static final String X_AMZ_TAGGING_COUNT_OUT = "x-amz-tagging-count";
    public static final String X_AMZ_EXPIRATION_OUT = "x-amz-expiration";
    public static final String ORIGIN = "origin";
    public static final String ACCESS_CONTROL_REQUEST_METHOD = "access-control-request-method";
    public static final String ACCESS_CONTROL_REQUEST_HEADERS = "access-control-request-headers";
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN_OUT = "Access-Control-Allow-Origin";
    public static final String ACCESS_CONTROL_ALLOW_METHODS_OUT = "Access-Control-Allow-Methods";
    public static final String ACCESS_CONTROL_ALLOW_HEADERS_OUT = "Access-Control-Allow-Headers";
    public static final String ACCESS_CONTROL_EXPOSE_HEADERS_OUT = "Access-Control-Expose-Headers";
    public static final String ACCESS_CONTROL_MAX_AGE_OUT = "Access-Control-Max-Age";
    public static final String ACCESS_CONTROL_ALLOW_CREDENTIALS_OUT = "Access-Control-Allow-Credentials";
    public static final String VARY_OUT = "Vary";
    public static final String P_ACL = "acl";
    public static final String P_TAGGING = "tagging";
    public static final String P_ATTRIBUTES = "attributes";
    public static final String X_AMZ_OBJECT_ATTRIBUTES = "x-amz-object-attributes";
    public static final String X_AMZ_MAX_PARTS = "x-amz-max-parts";
    public static final String X_AMZ_PART_NUMBER_MARKER = "x-amz-part-number-marker";
    public static final String P_CORS = "cors";

    // Copy, multipart upload, multi-object delete and checksums.
    public static final String X_AMZ_COPY_SOURCE = "x-amz-copy-source";
    public static final String X_AMZ_COPY_SOURCE_RANGE = "x-amz-copy-source-range";
    public static final String X_AMZ_COPY_SOURCE_IF_MATCH = "x-amz-copy-source-if-match";
    public static final String X_AMZ_COPY_SOURCE_IF_NONE_MATCH = "x-amz-copy-source-if-none-match";
    public static final String X_AMZ_COPY_SOURCE_IF_MODIFIED_SINCE = "x-amz-copy-source-if-modified-since";
    public static final String X_AMZ_COPY_SOURCE_IF_UNMODIFIED_SINCE = "x-amz-copy-source-if-unmodified-since";
    public static final String X_AMZ_METADATA_DIRECTIVE = "x-amz-metadata-directive";
    public static final String X_AMZ_CHECKSUM_MODE = "x-amz-checksum-mode";
    public static final String X_AMZ_CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm";
    public static final String X_AMZ_CHECKSUM_TYPE = "x-amz-checksum-type";
    public static final String X_AMZ_SDK_CHECKSUM_ALGORITHM = "x-amz-sdk-checksum-algorithm";
    public static final String X_AMZ_TRAILER = "x-amz-trailer";
    public static final String X_AMZ_CHECKSUM_PREFIX = "x-amz-checksum-";
    public static final String X_AMZ_CHECKSUM_ALGORITHM_OUT = "x-amz-checksum-algorithm";
    public static final String X_AMZ_CHECKSUM_TYPE_OUT = "x-amz-checksum-type";
    public static final String X_AMZ_MP_PARTS_COUNT_OUT = "x-amz-mp-parts-count";
    public static final String X_AMZ_COPY_SOURCE_VERSION_ID_OUT = "x-amz-copy-source-version-id";
    public static final String P_UPLOADS = "uploads";
    public static final String P_UPLOAD_ID = "uploadId";
    public static final String P_PART_NUMBER = "partNumber";
    public static final String P_MAX_PARTS = "max-parts";
    public static final String P_PART_NUMBER_MARKER = "part-number-marker";
    public static final String P_KEY_MARKER = "key-marker";
    public static final String P_UPLOAD_ID_MARKER = "upload-id-marker";
    public static final String P_MAX_UPLOADS = "max-uploads";
    public static final String P_DELETE = "delete";

    // Versions (buckets are never versioned: every object is its one version, "null").
    public static final String P_VERSIONS = "versions";
    public static final String P_VERSIONING = "versioning";
    public static final String P_VERSION_ID = "versionId";
    public static final String P_VERSION_ID_MARKER = "version-id-marker";
    /** The version id of every object in a bucket that was never versioned. */
    public static final String NULL_VERSION_ID = "null";
}
