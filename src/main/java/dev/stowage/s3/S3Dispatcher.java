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

    public S3Dispatcher(ListBucketsHandler listBuckets, CreateBucketHandler createBucket, HeadBucketHandler headBucket,
            DeleteBucketHandler deleteBucket, GetBucketLocationHandler getBucketLocation,
            GetBucketVersioningHandler getBucketVersioning, ListObjectsHandler listObjects,
            ListObjectsV2Handler listObjectsV2, PutObjectHandler putObject, GetObjectHandler getObject,
            HeadObjectHandler headObject, DeleteObjectHandler deleteObject) {
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
        };
    }
}
