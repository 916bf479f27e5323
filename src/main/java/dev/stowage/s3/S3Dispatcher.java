package dev.stowage.s3;

import dev.stowage.s3.S3Operation.CreateBucket;
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
import dev.stowage.s3.S3Operation.CopyObject;
import dev.stowage.s3.S3Operation.DeleteObjects;
import dev.stowage.s3.S3Operation.CreateMultipartUpload;
import dev.stowage.s3.S3Operation.UploadPart;
import dev.stowage.s3.S3Operation.UploadPartCopy;
import dev.stowage.s3.S3Operation.CompleteMultipartUpload;
import dev.stowage.s3.S3Operation.AbortMultipartUpload;
import dev.stowage.s3.S3Operation.ListParts;
import dev.stowage.s3.S3Operation.ListMultipartUploads;
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
import dev.stowage.s3.handler.DeleteBucketHandler;
import dev.stowage.s3.handler.DeleteObjectHandler;
import dev.stowage.s3.handler.GetBucketLocationHandler;
import dev.stowage.s3.handler.GetBucketVersioningHandler;
import dev.stowage.s3.handler.GetObjectHandler;
import dev.stowage.s3.handler.HeadBucketHandler;
import dev.stowage.s3.handler.HeadObjectHandler;
import dev.stowage.s3.handler.ListBucketsHandler;
import dev.stowage.s3.handler.ListObjectsHandler;
import dev.stowage.s3.handler.ListObjectsV2Handler;
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
    private final GetBucketVersioningHandler getBucketVersioning;
    private final ListObjectsHandler listObjects;
    private final ListObjectsV2Handler listObjectsV2;
    private final PutObjectHandler putObject;
    private final GetObjectHandler getObject;
    private final HeadObjectHandler headObject;
    private final DeleteObjectHandler deleteObject;
    private final Breadth breadth;

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

        public Breadth(CopyObjectHandler copyObject, DeleteObjectsHandler deleteObjects, CreateMultipartUploadHandler createMultipartUpload, UploadPartHandler uploadPart, UploadPartCopyHandler uploadPartCopy, CompleteMultipartUploadHandler completeMultipartUpload, AbortMultipartUploadHandler abortMultipartUpload, ListPartsHandler listParts, ListMultipartUploadsHandler listMultipartUploads) {
            this.copyObject = copyObject;
            this.deleteObjects = deleteObjects;
            this.createMultipartUpload = createMultipartUpload;
            this.uploadPart = uploadPart;
            this.uploadPartCopy = uploadPartCopy;
            this.completeMultipartUpload = completeMultipartUpload;
            this.abortMultipartUpload = abortMultipartUpload;
            this.listParts = listParts;
            this.listMultipartUploads = listMultipartUploads;
        }
    }

    public S3Dispatcher(ListBucketsHandler listBuckets, CreateBucketHandler createBucket, HeadBucketHandler headBucket,
            DeleteBucketHandler deleteBucket, GetBucketLocationHandler getBucketLocation,
            GetBucketVersioningHandler getBucketVersioning, ListObjectsHandler listObjects,
            ListObjectsV2Handler listObjectsV2, PutObjectHandler putObject, GetObjectHandler getObject,
            HeadObjectHandler headObject, DeleteObjectHandler deleteObject, Breadth breadth) {
        this.listBuckets = listBuckets;
        this.createBucket = createBucket;
        this.headBucket = headBucket;
        this.deleteBucket = deleteBucket;
        this.getBucketLocation = getBucketLocation;
        this.getBucketVersioning = getBucketVersioning;
        this.listObjects = listObjects;
        this.listObjectsV2 = listObjectsV2;
        this.putObject = putObject;
        this.getObject = getObject;
        this.headObject = headObject;
        this.deleteObject = deleteObject;
        this.breadth = breadth;
    }

    public S3Response dispatch(S3Operation op, S3Request request) throws IOException {
        return switch (op) {
            case ListBuckets o -> listBuckets.handle(o, request);
            case CreateBucket o -> createBucket.handle(o, request);
            case HeadBucket o -> headBucket.handle(o, request);
            case DeleteBucket o -> deleteBucket.handle(o, request);
            case GetBucketLocation o -> getBucketLocation.handle(o, request);
            case GetBucketVersioning o -> getBucketVersioning.handle(o, request);
            case ListObjects o -> listObjects.handle(o, request);
            case ListObjectsV2 o -> listObjectsV2.handle(o, request);
            case PutObject o -> putObject.handle(o, request);
            case GetObject o -> getObject.handle(o, request);
            case HeadObject o -> headObject.handle(o, request);
            case DeleteObject o -> deleteObject.handle(o, request);
            case CopyObject o -> breadth.copyObject.handle(o, request);
            case DeleteObjects o -> breadth.deleteObjects.handle(o, request);
            case CreateMultipartUpload o -> breadth.createMultipartUpload.handle(o, request);
            case UploadPart o -> breadth.uploadPart.handle(o, request);
            case UploadPartCopy o -> breadth.uploadPartCopy.handle(o, request);
            case CompleteMultipartUpload o -> breadth.completeMultipartUpload.handle(o, request);
            case AbortMultipartUpload o -> breadth.abortMultipartUpload.handle(o, request);
            case ListParts o -> breadth.listParts.handle(o, request);
            case ListMultipartUploads o -> breadth.listMultipartUploads.handle(o, request);
        };
    }
}
