package dev.stowage.s3;

import static dev.stowage.s3.S3Headers.NULL_VERSION_ID;
import static dev.stowage.s3.S3Headers.P_DELIMITER;
import static dev.stowage.s3.S3Headers.P_KEY_MARKER;
import static dev.stowage.s3.S3Headers.P_PREFIX;
import static dev.stowage.s3.S3Headers.P_VERSIONING;
import static dev.stowage.s3.S3Headers.P_VERSIONS;
import static dev.stowage.s3.S3Headers.P_VERSION_ID;
import static dev.stowage.s3.S3Headers.P_VERSION_ID_MARKER;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Operation.ListObjectVersions;
import dev.stowage.s3.S3Operation.PutBucketVersioning;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;

/**
 * The parsing of version words, for buckets that are never versioned: every object is its one version, whose id
 * is {@code "null"}, so that is the only version id a request may name (AWS answers any other on such a bucket
 * with InvalidArgument "Invalid version id specified"). Part of {@link S3OperationParser}: pure.
 */
final class VersionParsing {
    private VersionParsing() {}

    /**
     * {@code GET ?versions} as ListObjectVersions, {@code PUT ?versioning} as PutBucketVersioning; null when the
     * bucket request names no version word. Any other PUT or DELETE naming {@code ?versions} or {@code ?versioning}
     * is refused, never taken for CreateBucket or DeleteBucket.
     */
    static S3Operation bucketOperation(RequestHead head, String method, String bucket) {
        boolean versions = head.hasParam(P_VERSIONS);
        boolean versioning = head.hasParam(P_VERSIONING);
        if (!versions && !versioning) {
            return null;
        }
        return switch (method) {
            case "GET" -> versioning ? null : listObjectVersions(head, bucket);
            case "PUT" -> {
                if (!versioning) {
                    throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
                }
                yield new PutBucketVersioning(bucket);
            }
            case "DELETE" -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            default -> null;
        };
    }

    private static ListObjectVersions listObjectVersions(RequestHead head, String bucket) {
        String keyMarker = S3OperationParser.emptyToNull(head.param(P_KEY_MARKER));
        String versionIdMarker = S3OperationParser.emptyToNull(head.param(P_VERSION_ID_MARKER));
        if (versionIdMarker != null) {
            if (keyMarker == null) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                        "A version-id marker cannot be specified without a key marker.")
                        .element("ArgumentName", P_VERSION_ID_MARKER)
                        .element("ArgumentValue", versionIdMarker);
            }
            requireNullVersion(P_VERSION_ID_MARKER, versionIdMarker);
        }
        return new ListObjectVersions(bucket, S3OperationParser.emptyToNull(head.param(P_PREFIX)),
                S3OperationParser.emptyToNull(head.param(P_DELIMITER)), keyMarker, versionIdMarker,
                S3OperationParser.maxKeys(head), S3OperationParser.urlEncoding(head));
    }

    /** An object request's {@code ?versionId}: absent or {@code "null"}, else InvalidArgument as AWS words it. */
    static void requireNullVersionId(RequestHead head) {
        if (head.hasParam(P_VERSION_ID)) {
            String value = head.param(P_VERSION_ID);
            if (value == null || value.isEmpty()) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Version id cannot be the empty string")
                        .element("ArgumentName", P_VERSION_ID)
                        .element("ArgumentValue", "");
            }
            requireNullVersion(P_VERSION_ID, value);
        }
    }

    /** A version id named by {@code parameter}: {@code "null"}, else InvalidArgument as AWS words it. */
    static void requireNullVersion(String parameter, String value) {
        if (!NULL_VERSION_ID.equals(value)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified")
                    .element("ArgumentName", parameter)
                    .element("ArgumentValue", value);
        }
    }
}
