package dev.stowage.s3.handler;

import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.HeadBucket;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** HeadBucket: the bucket exists and the caller may read it (authorization has already checked both). */
@ApplicationScoped
public class HeadBucketHandler implements S3Handler<HeadBucket> {
    @Override
    public S3Response handle(HeadBucket op, S3Request request) {
        return S3Response.ok().header(S3Headers.X_AMZ_BUCKET_REGION_OUT, request.bucket().location());
    }
}
