package dev.stowage.s3;

import dev.stowage.limits.RequestClass;

/**
 * A request understood: one record per AWS action, named as AWS names it. Parsed from a {@link
 * dev.stowage.http.RequestHead} by {@link S3OperationParser}, a pure function.
 */
public sealed interface S3Operation {

    /** The AWS action name, as used in logs and metrics. */
    default String action() {
        return getClass().getSimpleName();
    }

    /** What the caller must be allowed to do for this operation. */
    Permission permission();

    /**
     * Which ops limit governs this operation: listings (ListBuckets, ListObjects, ListObjectsV2) are LIST; any
     * other operation goes by its HTTP method — GET/HEAD (objects and bucket facts alike) GET, PUT/POST (CreateBucket
     * too; copies and multipart steps when they come) PUT, DELETE (objects and buckets) DELETE.
     */
    RequestClass limitClass();

    /** The bucket addressed, or null for service-level operations. */
    default String bucket() {
        return null;
    }

    /** The object key addressed, or null for bucket- and service-level operations. */
    default String key() {
        return null;
    }

    enum Permission {
        /** Any signed request. */
        AUTHENTICATED,
        /** Read the bucket or its objects. */
        READ,
        /** Write or delete objects in the bucket. */
        WRITE,
        /** Change or delete the bucket itself. */
        OWNER,
        // Access control: what the bucket's or the object's ACL must grant (its owner always may).
        /** Read the bucket's ACL. */
        READ_ACP,
        /** Change the bucket's ACL. */
        WRITE_ACP,
        /** Read the object (its ACL decides: the object is loaded during authorization). */
        OBJECT_READ,
        /** Read the object's ACL. */
        OBJECT_READ_ACP,
        /** Change the object's ACL. */
        OBJECT_WRITE_ACP,
        /** The object's owner alone (object tagging). */
        OBJECT_OWNER,
        /** No authorization: answered to anyone from the bucket's settings (CORS preflight). */
        NONE
    }

    /**
     * ListBuckets with AWS's optional paging and filters: {@code prefix}, {@code continuation-token} (raw, as sent),
     * {@code max-buckets} (0: no limit) and {@code bucket-region}; null when not given.
     */
    record ListBuckets(String prefix, String continuationToken, int maxBuckets, String bucketRegion)
            implements S3Operation {
        /** Every bucket, on one page. */
        public ListBuckets() {
            this(null, null, 0, null);
        }

        public Permission permission() {
            return Permission.AUTHENTICATED;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    record CreateBucket(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.AUTHENTICATED;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record HeadBucket(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record DeleteBucket(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    record GetBucketLocation(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record GetBucketVersioning(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketVersioning(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** ListObjects (v1). {@code maxKeys} already clamped to 0..1000. */
    record ListObjects(String bucket, String prefix, String delimiter, String marker, int maxKeys, boolean urlEncoding)
            implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    /** ListObjectsV2. {@code continuationToken} as sent (opaque), {@code maxKeys} clamped to 0..1000. */
    record ListObjectsV2(String bucket, String prefix, String delimiter, String continuationToken, String startAfter,
            int maxKeys, boolean fetchOwner, boolean urlEncoding) implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    record PutObject(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** @param partNumber the part {@code ?partNumber} asks for (1..10,000), 0 for the whole object */
    record GetObject(String bucket, String key, int partNumber) implements S3Operation {
        public GetObject(String bucket, String key) {
            this(bucket, key, 0);
        }

        public Permission permission() {
            return Permission.OBJECT_READ;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    /** @param partNumber the part {@code ?partNumber} asks for (1..10,000), 0 for the whole object */
    record HeadObject(String bucket, String key, int partNumber) implements S3Operation {
        public HeadObject(String bucket, String key) {
            this(bucket, key, 0);
        }

        public Permission permission() {
            return Permission.OBJECT_READ;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record DeleteObject(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    // Access control, tagging and CORS.

    record GetBucketAcl(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.READ_ACP;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketAcl(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE_ACP;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record GetObjectAcl(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_READ_ACP;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutObjectAcl(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_WRITE_ACP;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record GetBucketTagging(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record GetBucketOwnershipControls(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketOwnershipControls(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteBucketOwnershipControls(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    record GetPublicAccessBlock(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutPublicAccessBlock(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeletePublicAccessBlock(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** GetBucketLifecycleConfiguration: the bucket's lifecycle rules. */
    record GetBucketLifecycleConfiguration(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketLifecycleConfiguration(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteBucketLifecycle(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** GetBucketPolicy: the bucket's policy document, as it was put. */
    record GetBucketPolicy(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketPolicy(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteBucketPolicy(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** GetBucketPolicyStatus: whether the bucket's policy makes it public. */
    record GetBucketPolicyStatus(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketTagging(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteBucketTagging(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** GetObjectAttributes ({@code GET ?attributes}): the facts named by {@code x-amz-object-attributes}. */
    record GetObjectAttributes(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_READ;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record GetObjectTagging(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutObjectTagging(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteObjectTagging(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.OBJECT_OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    record GetBucketCors(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    record PutBucketCors(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    record DeleteBucketCors(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** A browser's CORS preflight: {@code OPTIONS} on a bucket or an object ({@code key} null for the bucket). */
    record CorsPreflight(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.NONE;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    // ---- Copy, multipart upload, multi-object delete --------------------------------------------------

    /** PutObject with {@code x-amz-copy-source}: the destination is the addressed key. */
    record CopyObject(String bucket, String key, CopySource source) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** {@code POST /bucket?delete}: the keys are in the XML body. */
    record DeleteObjects(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** {@code POST /bucket/key?uploads}. */
    record CreateMultipartUpload(String bucket, String key) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** {@code PUT /bucket/key?partNumber=N&uploadId=ID}. */
    record UploadPart(String bucket, String key, String uploadId, int partNumber) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** UploadPart with {@code x-amz-copy-source} (and maybe {@code x-amz-copy-source-range}). */
    record UploadPartCopy(String bucket, String key, String uploadId, int partNumber, CopySource source) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** {@code POST /bucket/key?uploadId=ID}. */
    record CompleteMultipartUpload(String bucket, String key, String uploadId) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** {@code DELETE /bucket/key?uploadId=ID}. */
    record AbortMultipartUpload(String bucket, String key, String uploadId) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    /** {@code GET /bucket/key?uploadId=ID}; {@code maxParts} clamped to 0..1000. */
    record ListParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    /** {@code GET /bucket?uploads}; {@code maxUploads} clamped to 0..1000. */
    record ListMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
            String uploadIdMarker, int maxUploads, boolean urlEncoding) implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    // ---- Bucket configurations Stowage does not keep (encryption, website, logging, ...) ------------------

    /**
     * {@code GET /bucket?<sub-resource>} of a {@link BucketConfigurationKind}: what AWS answers for a bucket without
     * that configuration. Named in logs and metrics as the AWS action ({@code GetBucketWebsite}).
     */
    record GetBucketConfiguration(String bucket, BucketConfigurationKind kind) implements S3Operation {
        @Override
        public String action() {
            return kind.getAction();
        }

        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.GET;
        }
    }

    /** {@code DELETE /bucket?<sub-resource>}: there is nothing to delete, so 204, as AWS answers. */
    record DeleteBucketConfiguration(String bucket, BucketConfigurationKind kind) implements S3Operation {
        @Override
        public String action() {
            return kind.deleteAction();
        }

        public Permission permission() {
            return Permission.OWNER;
        }

        public RequestClass limitClass() {
            return RequestClass.DELETE;
        }
    }

    // ---- Versions -------------------------------------------------------------------------------------

    /**
     * {@code GET /bucket?versions}: every object as its one version, {@code null} (buckets are never versioned).
     * {@code versionIdMarker} is null or {@code "null"} and comes only with a {@code keyMarker}; {@code maxKeys}
     * clamped to 0..1000.
     */
    record ListObjectVersions(String bucket, String prefix, String delimiter, String keyMarker, String versionIdMarker,
            int maxKeys, boolean urlEncoding) implements S3Operation {
        public Permission permission() {
            return Permission.READ;
        }

        public RequestClass limitClass() {
            return RequestClass.LIST;
        }
    }

    // ---- POST Object (browser-based uploads) ---------------------------------------------------------------

    /**
     * {@code POST /bucket} with a {@code multipart/form-data} body: the key, the signature and the object's settings
     * are form fields, read before the handler runs (the pipeline authenticates the form's signer); AWS counts it
     * as {@code s3:PutObject}.
     */
    record PostObject(String bucket) implements S3Operation {
        public Permission permission() {
            return Permission.WRITE;
        }

        public RequestClass limitClass() {
            return RequestClass.PUT;
        }
    }

    /** The object a copy reads: {@code x-amz-copy-source} decoded (a version id, if any, was {@code null}). */
    record CopySource(String bucket, String key) {}
}
