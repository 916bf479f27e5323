package dev.stowage.s3;

import static dev.stowage.s3.S3Headers.P_ACL;
import static dev.stowage.s3.S3Headers.P_CONTINUATION_TOKEN;
import static dev.stowage.s3.S3Headers.P_CORS;
import static dev.stowage.s3.S3Headers.P_ATTRIBUTES;
import static dev.stowage.s3.S3Headers.P_TAGGING;
import static dev.stowage.s3.S3Headers.P_DELIMITER;
import static dev.stowage.s3.S3Headers.P_ENCODING_TYPE;
import static dev.stowage.s3.S3Headers.P_FETCH_OWNER;
import static dev.stowage.s3.S3Headers.P_LIST_TYPE;
import static dev.stowage.s3.S3Headers.P_LOCATION;
import static dev.stowage.s3.S3Headers.P_MARKER;
import static dev.stowage.s3.S3Headers.P_MAX_KEYS;
import static dev.stowage.s3.S3Headers.P_PREFIX;
import static dev.stowage.s3.S3Headers.P_START_AFTER;

import dev.stowage.http.RequestHead;
import dev.stowage.ostor.OstorNames;
import dev.stowage.s3.S3Operation.CorsPreflight;
import dev.stowage.s3.S3Operation.CreateBucket;
import dev.stowage.s3.S3Operation.DeleteBucketConfiguration;
import dev.stowage.s3.S3Operation.DeleteBucketCors;
import dev.stowage.s3.S3Operation.DeleteBucketTagging;
import dev.stowage.s3.S3Operation.DeleteObjectTagging;
import dev.stowage.s3.S3Operation.GetBucketAcl;
import dev.stowage.s3.S3Operation.GetBucketConfiguration;
import dev.stowage.s3.S3Operation.GetBucketCors;
import dev.stowage.s3.S3Operation.GetBucketTagging;
import dev.stowage.s3.S3Operation.GetObjectAcl;
import dev.stowage.s3.S3Operation.GetObjectAttributes;
import dev.stowage.s3.S3Operation.GetObjectTagging;
import dev.stowage.s3.S3Operation.PutBucketAcl;
import dev.stowage.s3.S3Operation.PutBucketCors;
import dev.stowage.s3.S3Operation.PutBucketTagging;
import dev.stowage.s3.S3Operation.PutPublicAccessBlock;
import dev.stowage.s3.S3Operation.GetBucketOwnershipControls;
import dev.stowage.s3.S3Operation.PutBucketOwnershipControls;
import dev.stowage.s3.S3Operation.DeleteBucketOwnershipControls;
import dev.stowage.s3.S3Operation.GetPublicAccessBlock;
import dev.stowage.s3.S3Operation.DeletePublicAccessBlock;
import dev.stowage.s3.S3Operation.DeleteBucketPolicy;
import dev.stowage.s3.S3Operation.DeleteBucketLifecycle;
import dev.stowage.s3.S3Operation.GetBucketLifecycleConfiguration;
import dev.stowage.s3.S3Operation.PutBucketLifecycleConfiguration;
import dev.stowage.s3.S3Operation.GetBucketPolicy;
import dev.stowage.s3.S3Operation.GetBucketPolicyStatus;
import dev.stowage.s3.S3Operation.PutBucketPolicy;
import dev.stowage.s3.S3Operation.PutObjectAcl;
import dev.stowage.s3.S3Operation.PutObjectTagging;
import dev.stowage.s3.S3Operation.DeleteBucket;
import dev.stowage.s3.S3Operation.DeleteObject;
import dev.stowage.s3.S3Operation.GetBucketLocation;
import dev.stowage.s3.S3Operation.GetBucketVersioning;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Operation.HeadBucket;
import dev.stowage.s3.S3Operation.HeadObject;
import dev.stowage.s3.S3Operation.ListBuckets;
import dev.stowage.s3.S3Operation.ListObjects;
import dev.stowage.s3.S3Operation.ListObjectsV2;
import dev.stowage.s3.S3Operation.PutObject;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Turns a request head into the S3 action it asks for. Pure: no I/O, no state. Requests naming an ostor admin
 * service ({@code ?ostor-*}) are not S3 operations: {@link dev.stowage.ostor.OstorParser} parses those.
 */
public final class S3OperationParser {
    private static final int MAX_KEY_BYTES = 1024;
    private static final String P_PUBLIC_ACCESS_BLOCK = "publicAccessBlock";
    private static final String P_OWNERSHIP_CONTROLS = "ownershipControls";
    private static final String P_POLICY = "policy";
    private static final String P_POLICY_STATUS = "policyStatus";
    private static final String P_LIFECYCLE = "lifecycle";
    private static final String P_MAX_BUCKETS = "max-buckets";
    private static final String P_BUCKET_REGION = "bucket-region";
    /** Bucket sub-resources Stowage serves that name nothing on an object (NotImplemented there). */
    private static final List<String> BUCKET_ONLY_SUBRESOURCES =
            List.of(P_CORS, P_PUBLIC_ACCESS_BLOCK, P_OWNERSHIP_CONTROLS, P_POLICY, P_POLICY_STATUS, P_LIFECYCLE);
    /** AWS's range for ListBuckets' max-buckets. */
    private static final int MAX_BUCKETS_PER_PAGE = 10_000;

    /**
     * Sub-resources of buckets and objects that select an action Stowage does not implement yet. A request
     * naming one gets NotImplemented rather than being mistaken for a plain object or bucket request.
     */
    private static final Set<String> UNSUPPORTED_SUBRESOURCES = Set.of(
            "accelerate", "analytics", "encryption", "intelligent-tiering",
            "inventory", "legal-hold", "logging", "metadataTable", "metrics", "notification",
            "object-lock",
            "replication", "requestPayment", "restore", "retention", "select", "session", "torrent",
            "website");

    private S3OperationParser() {}

    public static S3Operation parse(RequestHead head) {
        String method = head.method();
        String bucket = head.bucket();
        String key = head.key();
        S3Operation unconfigured = bucketConfigurationOperation(head, method, bucket, key);
        if (unconfigured != null) {
            return unconfigured;
        }
        if (key != null) {
            ObjectLockHeaders.requireNoLockSubresource(head);
        }
        for (RequestHead.QueryParam p : head.query()) {
            if (UNSUPPORTED_SUBRESOURCES.contains(p.name())) {
                throw notImplemented(method, p.name());
            }
            if (p.name().startsWith(OstorNames.SERVICE_PREFIX)) {
                // S3Pipeline hands ostor requests to the ostor surface before S3 parsing: reaching here is a bug.
                throw new IllegalArgumentException("an ostor request is not an S3 operation: ?" + p.name());
            }
        }
        if (bucket == null) {
            if (method.equals("GET")) {
                return listBuckets(head);
            }
            throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        }
        BucketNames.requireValid(bucket);
        if (method.equals("OPTIONS")) {
            return new CorsPreflight(bucket, key);
        }
        if (key != null) {
            VersionParsing.requireNullVersionId(head);
            EncryptionHeaders.requireSupported(head);
            if (method.equals("PUT") || method.equals("POST")) {
                StorageClassHeader.requireValid(head);
                ObjectLockHeaders.requireNoneOnObject(head);
            }
        }
        S3Operation access = key == null ? bucketAccessOperation(head, method, bucket)
                : objectAccessOperation(head, method, bucket, key);
        if (access != null) {
            return access;
        }
        if (key == null) {
            return parseBucketOperation(head, method, bucket);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG)
                    .element("Size", Integer.toString(key.getBytes(StandardCharsets.UTF_8).length))
                    .element("MaxSizeAllowed", Integer.toString(MAX_KEY_BYTES));
        }
        S3Operation multipartOrCopy = MultipartParsing.objectOperation(head, method, bucket, key);
        if (multipartOrCopy != null) {
            return multipartOrCopy;
        }
        return switch (method) {
            case "PUT" -> new PutObject(bucket, key);
            case "GET" -> new GetObject(bucket, key);
            case "HEAD" -> new HeadObject(bucket, key);
            case "DELETE" -> new DeleteObject(bucket, key);
            default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        };
    }

    private static S3Operation parseBucketOperation(RequestHead head, String method, String bucket) {
        S3Operation multipartOrDelete = MultipartParsing.bucketOperation(head, method, bucket);
        if (multipartOrDelete != null) {
            return multipartOrDelete;
        }
        S3Operation versions = VersionParsing.bucketOperation(head, method, bucket);
        if (versions != null) {
            return versions;
        }
        return switch (method) {
            case "PUT" -> {
                ObjectLockHeaders.requireNotRequestedForBucket(head);
                yield new CreateBucket(bucket);
            }
            case "HEAD" -> new HeadBucket(bucket);
            case "DELETE" -> new DeleteBucket(bucket);
            case "GET" -> {
                if (head.hasParam(P_LOCATION)) {
                    yield new GetBucketLocation(bucket);
                }
                if (head.hasParam("versioning")) {
                    yield new GetBucketVersioning(bucket);
                }
                yield "2".equals(head.param(P_LIST_TYPE)) ? listObjectsV2(head, bucket) : listObjects(head, bucket);
            }
            default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
        };
    }

    /**
     * The ?acl, ?tagging, ?ownershipControls, ?publicAccessBlock and ?cors operations on a bucket; null when the
     * request is none of them.
     */
    private static S3Operation bucketAccessOperation(RequestHead head, String method, String bucket) {
        if (head.hasParam(P_ACL)) {
            return switch (method) {
                case "GET" -> new GetBucketAcl(bucket);
                case "PUT" -> new PutBucketAcl(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_TAGGING)) {
            return switch (method) {
                case "GET" -> new GetBucketTagging(bucket);
                case "PUT" -> new PutBucketTagging(bucket);
                case "DELETE" -> new DeleteBucketTagging(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_OWNERSHIP_CONTROLS)) {
            return switch (method) {
                case "GET" -> new GetBucketOwnershipControls(bucket);
                case "PUT" -> new PutBucketOwnershipControls(bucket);
                case "DELETE" -> new DeleteBucketOwnershipControls(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_LIFECYCLE)) {
            return switch (method) {
                case "GET" -> new GetBucketLifecycleConfiguration(bucket);
                case "PUT" -> new PutBucketLifecycleConfiguration(bucket);
                case "DELETE" -> new DeleteBucketLifecycle(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_POLICY_STATUS)) {
            if (!method.equals("GET")) {
                throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            }
            return new GetBucketPolicyStatus(bucket);
        }
        if (head.hasParam(P_POLICY)) {
            return switch (method) {
                case "GET" -> new GetBucketPolicy(bucket);
                case "PUT" -> new PutBucketPolicy(bucket);
                case "DELETE" -> new DeleteBucketPolicy(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_PUBLIC_ACCESS_BLOCK)) {
            return switch (method) {
                case "GET" -> new GetPublicAccessBlock(bucket);
                case "PUT" -> new PutPublicAccessBlock(bucket);
                case "DELETE" -> new DeletePublicAccessBlock(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_CORS)) {
            return switch (method) {
                case "GET" -> new GetBucketCors(bucket);
                case "PUT" -> new PutBucketCors(bucket);
                case "DELETE" -> new DeleteBucketCors(bucket);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        return null;
    }

    /** The ?acl and ?tagging operations on an object; null when the request is neither. */
    private static S3Operation objectAccessOperation(RequestHead head, String method, String bucket, String key) {
        if (head.hasParam(P_ACL)) {
            return switch (method) {
                case "GET" -> new GetObjectAcl(bucket, key);
                case "PUT" -> new PutObjectAcl(bucket, key);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        if (head.hasParam(P_ATTRIBUTES)) {
            if (!method.equals("GET")) {
                throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            }
            return new GetObjectAttributes(bucket, key);
        }
        if (head.hasParam(P_TAGGING)) {
            return switch (method) {
                case "GET" -> new GetObjectTagging(bucket, key);
                case "PUT" -> new PutObjectTagging(bucket, key);
                case "DELETE" -> new DeleteObjectTagging(bucket, key);
                default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            };
        }
        for (String bucketOnly : BUCKET_ONLY_SUBRESOURCES) {
            if (head.hasParam(bucketOnly)) {
                throw notImplemented(method, bucketOnly);
            }
        }
        return null;
    }

    /**
     * GET or DELETE of a bucket configuration Stowage does not keep ({@code ?website}, {@code ?logging}, ...: see
     * {@link BucketConfigurationKind}); null for any other request. Other methods, PUT included, and these
     * sub-resources on objects stay NotImplemented (UNSUPPORTED_SUBRESOURCES); a DELETE AWS has no action for is
     * MethodNotAllowed.
     */
    private static S3Operation bucketConfigurationOperation(RequestHead head, String method, String bucket, String key) {
        if (bucket == null || key != null || !(method.equals("GET") || method.equals("DELETE"))) {
            return null;
        }
        for (RequestHead.QueryParam p : head.query()) {
            BucketConfigurationKind kind = BucketConfigurationKind.forSubresource(p.name());
            if (kind == null) {
                continue;
            }
            BucketNames.requireValid(bucket);
            if (method.equals("GET")) {
                return new GetBucketConfiguration(bucket, kind);
            }
            if (kind.deleteAction() == null) {
                throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
            }
            return new DeleteBucketConfiguration(bucket, kind);
        }
        return null;
    }

    private static ListBuckets listBuckets(RequestHead head) {
        String token = head.param(P_CONTINUATION_TOKEN);
        if (head.hasParam(P_CONTINUATION_TOKEN) && (token == null || token.isEmpty())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .element("ArgumentName", P_CONTINUATION_TOKEN);
        }
        int maxBuckets = 0;
        String max = head.param(P_MAX_BUCKETS);
        if (max != null) {
            try {
                maxBuckets = Integer.parseInt(max.trim());
            } catch (NumberFormatException e) {
                maxBuckets = -1;
            }
            if (maxBuckets < 1 || maxBuckets > MAX_BUCKETS_PER_PAGE) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                        "max-buckets must be an integer between 1 and " + MAX_BUCKETS_PER_PAGE)
                        .element("ArgumentName", P_MAX_BUCKETS)
                        .element("ArgumentValue", max);
            }
        }
        return new ListBuckets(emptyToNull(head.param(P_PREFIX)), token, maxBuckets,
                emptyToNull(head.param(P_BUCKET_REGION)));
    }

    private static ListObjects listObjects(RequestHead head, String bucket) {
        return new ListObjects(bucket, emptyToNull(head.param(P_PREFIX)), emptyToNull(head.param(P_DELIMITER)),
                emptyToNull(head.param(P_MARKER)), maxKeys(head), urlEncoding(head));
    }

    private static ListObjectsV2 listObjectsV2(RequestHead head, String bucket) {
        String listType = head.param(P_LIST_TYPE);
        if (listType != null && !listType.equals("2")) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid List Type specified").element("ArgumentName", P_LIST_TYPE);
        }
        String token = head.param(P_CONTINUATION_TOKEN);
        if (head.hasParam(P_CONTINUATION_TOKEN) && (token == null || token.isEmpty())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .element("ArgumentName", P_CONTINUATION_TOKEN);
        }
        return new ListObjectsV2(bucket, emptyToNull(head.param(P_PREFIX)), emptyToNull(head.param(P_DELIMITER)), token,
                emptyToNull(head.param(P_START_AFTER)), maxKeys(head), "true".equals(head.param(P_FETCH_OWNER)),
                urlEncoding(head));
    }

    static int maxKeys(RequestHead head) {
        String value = head.param(P_MAX_KEYS);
        if (value == null) {
            return 1000;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw invalidMaxKeys(value);
            }
            return (int) Math.min(n, 1000);
        } catch (NumberFormatException e) {
            throw invalidMaxKeys(value);
        }
    }

    private static S3Exception invalidMaxKeys(String value) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range")
                .element("ArgumentName", P_MAX_KEYS)
                .element("ArgumentValue", value);
    }

    static boolean urlEncoding(RequestHead head) {
        if (!head.hasParam(P_ENCODING_TYPE)) {
            return false;
        }
        String value = head.param(P_ENCODING_TYPE);
        if (!"url".equals(value)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request")
                    .element("ArgumentName", P_ENCODING_TYPE)
                    .element("ArgumentValue", value);
        }
        return true;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static S3Exception notImplemented(String method, String subresource) {
        return new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                method + " ?" + subresource + " is not implemented by this gateway yet.");
    }
}
