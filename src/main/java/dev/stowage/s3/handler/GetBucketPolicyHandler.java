package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketPolicy;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.policy.BucketPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** GetBucketPolicy: the policy document as it was put (JSON); 404 NoSuchBucketPolicy when the bucket has none. */
@ApplicationScoped
public class GetBucketPolicyHandler implements S3Handler<GetBucketPolicy> {
    @Override
    public S3Response handle(GetBucketPolicy op, S3Request request) {
        String document = request.bucket().setting(BucketPolicy.SETTING);
        if (document == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY).element("BucketName", op.bucket());
        }
        return S3Response.status(200)
                .body(new S3Response.Bytes(document.getBytes(StandardCharsets.UTF_8), "application/json"));
    }
}
