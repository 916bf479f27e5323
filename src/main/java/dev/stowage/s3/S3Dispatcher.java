package dev.stowage.s3;

import dev.stowage.s3.S3Operation.CreateBucket;
import dev.stowage.s3.S3Operation.PostObject;
import dev.stowage.s3.S3Operation.GetBucketAcl;
import dev.stowage.s3.S3Operation.PutBucketAcl;
import dev.stowage.s3.S3Operation.GetObjectAcl;
import dev.stowage.s3.S3Operation.PutObjectAcl;
import dev.stowage.s3.S3Operation.GetBucketTagging;
import dev.stowage.s3.S3Operation.PutBucketTagging;
import dev.stowage.s3.S3Operation.GetPublicAccessBlock;
import dev.stowage.s3.S3Operation.PutPublicAccessBlock;
import dev.stowage.s3.S3Operation.GetBucketOwnershipControls;
import dev.stowage.s3.S3Operation.PutBucketOwnershipControls;
import dev.stowage.s3.S3Operation.DeleteBucketOwnershipControls;
import dev.stowage.s3.S3Operation.DeletePublicAccessBlock;
import dev.stowage.s3.S3Operation.DeleteBucketPolicy;
import dev.stowage.s3.S3Operation.DeleteBucketLifecycle;
import dev.stowage.s3.S3Operation.GetBucketLifecycleConfiguration;
import dev.stowage.s3.S3Operation.PutBucketLifecycleConfiguration;
import dev.stowage.s3.S3Operation.GetBucketPolicy;
import dev.stowage.s3.S3Operation.GetBucketPolicyStatus;
import dev.stowage.s3.S3Operation.PutBucketPolicy;
import dev.stowage.s3.S3Operation.DeleteBucketTagging;
import dev.stowage.s3.S3Operation.GetObjectAttributes;
import dev.stowage.s3.S3Operation.GetObjectTagging;
import dev.stowage.s3.S3Operation.PutObjectTagging;
import dev.stowage.s3.S3Operation.DeleteObjectTagging;
import dev.stowage.s3.S3Operation.GetBucketCors;
import dev.stowage.s3.S3Operation.PutBucketCors;
import dev.stowage.s3.S3Operation.DeleteBucketCors;
import dev.stowage.s3.S3Operation.CorsPreflight;
import dev.stowage.s3.S3Operation.DeleteBucket;
import dev.stowage.s3.S3Operation.DeleteObject;
import dev.stowage.s3.S3Operation.GetBucketLocation;
import dev.stowage.s3.S3Operation.GetBucketVersioning;
import dev.stowage.s3.S3Operation.PutBucketVersioning;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Operation.HeadBucket;
import dev.stowage.s3.S3Operation.HeadObject;
import dev.stowage.s3.S3Operation.ListBuckets;
import dev.stowage.s3.S3Operation.ListObjects;
import dev.stowage.s3.S3Operation.ListObjectsV2;
import dev.stowage.s3.S3Operation.PutObject;
import dev.stowage.s3.S3Operation.CopyObject;
import dev.stowage.s3.S3Operation.DeleteObjects;
import dev.stowage.s3.S3Operation.CreateMultipartUpload;
import dev.stowage.s3.S3Operation.UploadPart;
import dev.stowage.s3.S3Operation.UploadPartCopy;
import dev.stowage.s3.S3Operation.CompleteMultipartUpload;
import dev.stowage.s3.S3Operation.AbortMultipartUpload;
import dev.stowage.s3.S3Operation.ListParts;
import dev.stowage.s3.S3Operation.ListMultipartUploads;
import dev.stowage.s3.S3Operation.GetBucketConfiguration;
import dev.stowage.s3.S3Operation.DeleteBucketConfiguration;
import dev.stowage.s3.handler.GetBucketConfigurationHandler;
import dev.stowage.s3.handler.DeleteBucketConfigurationHandler;

import dev.stowage.s3.S3Operation.ListObjectVersions;
import dev.stowage.s3.handler.CopyObjectHandler;
import dev.stowage.s3.handler.DeleteObjectsHandler;
import dev.stowage.s3.handler.CreateMultipartUploadHandler;
import dev.stowage.s3.handler.UploadPartHandler;
import dev.stowage.s3.handler.UploadPartCopyHandler;
import dev.stowage.s3.handler.CompleteMultipartUploadHandler;
import dev.stowage.s3.handler.AbortMultipartUploadHandler;
import dev.stowage.s3.handler.ListPartsHandler;
import dev.stowage.s3.handler.ListMultipartUploadsHandler;
import dev.stowage.s3.handler.CreateBucketHandler;
import dev.stowage.s3.handler.GetBucketAclHandler;
import dev.stowage.s3.handler.PutBucketAclHandler;
import dev.stowage.s3.handler.GetObjectAclHandler;
import dev.stowage.s3.handler.PutObjectAclHandler;
import dev.stowage.s3.handler.GetBucketTaggingHandler;
import dev.stowage.s3.handler.PutBucketTaggingHandler;
import dev.stowage.s3.handler.GetPublicAccessBlockHandler;
import dev.stowage.s3.handler.PutPublicAccessBlockHandler;
import dev.stowage.s3.handler.GetBucketOwnershipControlsHandler;
import dev.stowage.s3.handler.PutBucketOwnershipControlsHandler;
import dev.stowage.s3.handler.DeleteBucketOwnershipControlsHandler;
import dev.stowage.s3.handler.DeletePublicAccessBlockHandler;
import dev.stowage.s3.handler.DeleteBucketPolicyHandler;
import dev.stowage.s3.handler.DeleteBucketLifecycleHandler;
import dev.stowage.s3.handler.GetBucketLifecycleConfigurationHandler;
import dev.stowage.s3.handler.PutBucketLifecycleConfigurationHandler;
import dev.stowage.s3.handler.GetBucketPolicyHandler;
import dev.stowage.s3.handler.GetBucketPolicyStatusHandler;
import dev.stowage.s3.handler.PutBucketPolicyHandler;
import dev.stowage.s3.handler.DeleteBucketTaggingHandler;
import dev.stowage.s3.handler.GetObjectAttributesHandler;
import dev.stowage.s3.handler.GetObjectTaggingHandler;
import dev.stowage.s3.handler.PutObjectTaggingHandler;
import dev.stowage.s3.handler.DeleteObjectTaggingHandler;
import dev.stowage.s3.handler.GetBucketCorsHandler;
import dev.stowage.s3.handler.PutBucketCorsHandler;
import dev.stowage.s3.handler.DeleteBucketCorsHandler;
import dev.stowage.s3.handler.CorsPreflightHandler;
import dev.stowage.s3.handler.DeleteBucketHandler;
import dev.stowage.s3.handler.DeleteObjectHandler;
import dev.stowage.s3.handler.GetBucketLocationHandler;
import dev.stowage.s3.handler.GetBucketVersioningHandler;
import dev.stowage.s3.handler.PutBucketVersioningHandler;
import dev.stowage.s3.handler.GetObjectHandler;
import dev.stowage.s3.handler.HeadBucketHandler;
import dev.stowage.s3.handler.HeadObjectHandler;
import dev.stowage.s3.handler.ListBucketsHandler;
import dev.stowage.s3.handler.ListObjectsHandler;
import dev.stowage.s3.handler.ListObjectsV2Handler;
import dev.stowage.s3.handler.ListObjectVersionsHandler;
import dev.stowage.s3.handler.PostObjectHandler;
import dev.stowage.s3.handler.PutObjectHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Hands each operation to its handler. The switch is exhaustive: a new operation without a handler won't compile. */
@ApplicationScoped
public class S3Dispatcher {
    private final ListBucketsHandler listBuckets;
    private final CreateBucketHandler createBucket;
    private final HeadBucketHandler headBucket;
    private final DeleteBucketHandler deleteBucket;
    private final GetBucketLocationHandler getBucketLocation;
    private final VersioningHandlers versioning;
    private final ListObjectsHandler listObjects;
    private final ListObjectsV2Handler listObjectsV2;
    private final PutObjectHandler putObject;
    private final GetObjectHandler getObject;
    private final HeadObjectHandler headObject;
    private final DeleteObjectHandler deleteObject;
    private final AccessHandlers access;
    private final Breadth breadth;
    private final ConfigurationHandlers configuration;
    private final LifecycleHandlers lifecycle;
    private final PostObjectHandler postObject;

    private final ListObjectVersionsHandler listObjectVersions;

    /**
     * The handlers of copies, multipart uploads and multi-object delete, injected as one group (a singleton: no
     * client proxy, so its fields are the handlers themselves).
     */
    @Singleton
    public static class Breadth {
        final CopyObjectHandler copyObject;
        final DeleteObjectsHandler deleteObjects;
        final CreateMultipartUploadHandler createMultipartUpload;
        final UploadPartHandler uploadPart;
        final UploadPartCopyHandler uploadPartCopy;
        final CompleteMultipartUploadHandler completeMultipartUpload;
        final AbortMultipartUploadHandler abortMultipartUpload;
        final ListPartsHandler listParts;
        final ListMultipartUploadsHandler listMultipartUploads;
        final GetObjectAttributesHandler getObjectAttributes;

        public Breadth(CopyObjectHandler copyObject, DeleteObjectsHandler deleteObjects, CreateMultipartUploadHandler createMultipartUpload, UploadPartHandler uploadPart, UploadPartCopyHandler uploadPartCopy, CompleteMultipartUploadHandler completeMultipartUpload, AbortMultipartUploadHandler abortMultipartUpload, ListPartsHandler listParts, ListMultipartUploadsHandler listMultipartUploads, GetObjectAttributesHandler getObjectAttributes) {
            this.copyObject = copyObject;
            this.deleteObjects = deleteObjects;
            this.createMultipartUpload = createMultipartUpload;
            this.uploadPart = uploadPart;
            this.uploadPartCopy = uploadPartCopy;
            this.completeMultipartUpload = completeMultipartUpload;
            this.abortMultipartUpload = abortMultipartUpload;
            this.listParts = listParts;
            this.listMultipartUploads = listMultipartUploads;
            this.getObjectAttributes = getObjectAttributes;
        }
    }

    public S3Dispatcher(ListBucketsHandler listBuckets, CreateBucketHandler createBucket, HeadBucketHandler headBucket,
            DeleteBucketHandler deleteBucket, GetBucketLocationHandler getBucketLocation,
            VersioningHandlers versioning, ListObjectsHandler listObjects,
            ListObjectsV2Handler listObjectsV2, PutObjectHandler putObject, GetObjectHandler getObject,
            HeadObjectHandler headObject, DeleteObjectHandler deleteObject, AccessHandlers access, Breadth breadth,
            ConfigurationHandlers configuration, LifecycleHandlers lifecycle,
            ListObjectVersionsHandler listObjectVersions, PostObjectHandler postObject) {
        this.listBuckets = listBuckets;
        this.createBucket = createBucket;
        this.headBucket = headBucket;
        this.deleteBucket = deleteBucket;
        this.getBucketLocation = getBucketLocation;
        this.versioning = versioning;
        this.listObjects = listObjects;
        this.listObjectsV2 = listObjectsV2;
        this.putObject = putObject;
        this.getObject = getObject;
        this.headObject = headObject;
        this.deleteObject = deleteObject;
        this.access = access;
        this.breadth = breadth;
        this.configuration = configuration;
        this.lifecycle = lifecycle;
        this.listObjectVersions = listObjectVersions;
        this.postObject = postObject;
    }

    public S3Response dispatch(S3Operation op, S3Request request) throws IOException {
        return switch (op) {
            case ListBuckets o -> listBuckets.handle(o, request);
            case CreateBucket o -> createBucket.handle(o, request);
            case HeadBucket o -> headBucket.handle(o, request);
            case DeleteBucket o -> deleteBucket.handle(o, request);
            case GetBucketLocation o -> getBucketLocation.handle(o, request);
            case GetBucketVersioning o -> versioning.get().handle(o, request);
            case PutBucketVersioning o -> versioning.put().handle(o, request);
            case ListObjects o -> listObjects.handle(o, request);
            case ListObjectsV2 o -> listObjectsV2.handle(o, request);
            case PutObject o -> putObject.handle(o, request);
            case GetObject o -> getObject.handle(o, request);
            case HeadObject o -> headObject.handle(o, request);
            case DeleteObject o -> deleteObject.handle(o, request);
            case GetBucketAcl o -> access.getBucketAcl().handle(o, request);
            case PutBucketAcl o -> access.putBucketAcl().handle(o, request);
            case GetObjectAcl o -> access.getObjectAcl().handle(o, request);
            case PutObjectAcl o -> access.putObjectAcl().handle(o, request);
            case GetBucketTagging o -> access.getBucketTagging().handle(o, request);
            case PutBucketTagging o -> access.putBucketTagging().handle(o, request);
            case DeleteBucketTagging o -> access.deleteBucketTagging().handle(o, request);
            case GetObjectTagging o -> access.getObjectTagging().handle(o, request);
            case PutObjectTagging o -> access.putObjectTagging().handle(o, request);
            case DeleteObjectTagging o -> access.deleteObjectTagging().handle(o, request);
            case GetBucketCors o -> access.getBucketCors().handle(o, request);
            case PutBucketCors o -> access.putBucketCors().handle(o, request);
            case DeleteBucketCors o -> access.deleteBucketCors().handle(o, request);
            case GetPublicAccessBlock o -> access.getPublicAccessBlock().handle(o, request);
            case PutPublicAccessBlock o -> access.putPublicAccessBlock().handle(o, request);
            case DeletePublicAccessBlock o -> access.deletePublicAccessBlock().handle(o, request);
            case GetBucketOwnershipControls o -> access.getBucketOwnershipControls().handle(o, request);
            case PutBucketOwnershipControls o -> access.putBucketOwnershipControls().handle(o, request);
            case DeleteBucketOwnershipControls o -> access.deleteBucketOwnershipControls().handle(o, request);
            case GetBucketLifecycleConfiguration o -> lifecycle.get().handle(o, request);
            case PutBucketLifecycleConfiguration o -> lifecycle.put().handle(o, request);
            case DeleteBucketLifecycle o -> lifecycle.delete().handle(o, request);
            case GetBucketPolicy o -> access.getBucketPolicy().handle(o, request);
            case PutBucketPolicy o -> access.putBucketPolicy().handle(o, request);
            case DeleteBucketPolicy o -> access.deleteBucketPolicy().handle(o, request);
            case GetBucketPolicyStatus o -> access.getBucketPolicyStatus().handle(o, request);
            case CorsPreflight o -> access.corsPreflight().handle(o, request);
            case CopyObject o -> breadth.copyObject.handle(o, request);
            case DeleteObjects o -> breadth.deleteObjects.handle(o, request);
            case CreateMultipartUpload o -> breadth.createMultipartUpload.handle(o, request);
            case UploadPart o -> breadth.uploadPart.handle(o, request);
            case UploadPartCopy o -> breadth.uploadPartCopy.handle(o, request);
            case CompleteMultipartUpload o -> breadth.completeMultipartUpload.handle(o, request);
            case AbortMultipartUpload o -> breadth.abortMultipartUpload.handle(o, request);
            case ListParts o -> breadth.listParts.handle(o, request);
            case ListMultipartUploads o -> breadth.listMultipartUploads.handle(o, request);
            case GetObjectAttributes o -> breadth.getObjectAttributes.handle(o, request);
            case GetBucketConfiguration o -> configuration.get().handle(o, request);
            case DeleteBucketConfiguration o -> configuration.delete().handle(o, request);
            case ListObjectVersions o -> listObjectVersions.handle(o, request);
            case PostObject o -> postObject.handle(o, request);
        };
    }

    /** The handlers of access control (ACLs, policies, ownership, public access block), tagging and CORS, as one group. */
    @Singleton
    public record AccessHandlers(
            GetBucketAclHandler getBucketAcl,
            PutBucketAclHandler putBucketAcl,
            GetObjectAclHandler getObjectAcl,
            PutObjectAclHandler putObjectAcl,
            GetBucketTaggingHandler getBucketTagging,
            PutBucketTaggingHandler putBucketTagging,
            DeleteBucketTaggingHandler deleteBucketTagging,
            GetObjectTaggingHandler getObjectTagging,
            PutObjectTaggingHandler putObjectTagging,
            DeleteObjectTaggingHandler deleteObjectTagging,
            GetBucketCorsHandler getBucketCors,
            PutBucketCorsHandler putBucketCors,
            DeleteBucketCorsHandler deleteBucketCors,
            CorsPreflightHandler corsPreflight,
            GetPublicAccessBlockHandler getPublicAccessBlock,
            PutPublicAccessBlockHandler putPublicAccessBlock,
            DeletePublicAccessBlockHandler deletePublicAccessBlock,
            GetBucketOwnershipControlsHandler getBucketOwnershipControls,
            PutBucketOwnershipControlsHandler putBucketOwnershipControls,
            DeleteBucketOwnershipControlsHandler deleteBucketOwnershipControls,
            GetBucketPolicyHandler getBucketPolicy,
            PutBucketPolicyHandler putBucketPolicy,
            DeleteBucketPolicyHandler deleteBucketPolicy,
            GetBucketPolicyStatusHandler getBucketPolicyStatus) {}

    /** The lifecycle configuration's handlers, injected as one group. */
    @Singleton
    public record LifecycleHandlers(GetBucketLifecycleConfigurationHandler get,
            PutBucketLifecycleConfigurationHandler put, DeleteBucketLifecycleHandler delete) {}

    /** GetBucketVersioning and PutBucketVersioning, injected as one group. */
    @Singleton
    public record VersioningHandlers(GetBucketVersioningHandler get, PutBucketVersioningHandler put) {}

    /** The handlers of the bucket configurations Stowage does not keep (website, logging, ...), one per answer kind. */
    @Singleton
    public record ConfigurationHandlers(GetBucketConfigurationHandler get, DeleteBucketConfigurationHandler delete) {}
}
