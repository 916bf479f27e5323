package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketOwnershipControls;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketOwnershipControls: the bucket's object ownership; 404 OwnershipControlsNotFoundError when none is set. */
@ApplicationScoped
public class GetBucketOwnershipControlsHandler implements S3Handler<GetBucketOwnershipControls> {
    @Override
    public S3Response handle(GetBucketOwnershipControls op, S3Request request) {
        if (!ObjectOwnership.isConfigured(request.bucket())) {
            throw new S3Exception(S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, ObjectOwnership.of(request.bucket()).toXml());
    }
}
