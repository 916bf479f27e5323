package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetPublicAccessBlock;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;

/** GetPublicAccessBlock: the bucket's four switches; 404 NoSuchPublicAccessBlockConfiguration when none is set. */
@ApplicationScoped
public class GetPublicAccessBlockHandler implements S3Handler<GetPublicAccessBlock> {
    @Override
    public S3Response handle(GetPublicAccessBlock op, S3Request request) {
        if (!PublicAccessBlock.isConfigured(request.bucket())) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, PublicAccessBlock.of(request.bucket()).toXml());
    }
}
