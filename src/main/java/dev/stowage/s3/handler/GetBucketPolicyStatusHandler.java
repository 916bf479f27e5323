package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketPolicyStatus;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.policy.BucketPolicy;
import dev.stowage.s3.xml.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GetBucketPolicyStatus: {@code <PolicyStatus><IsPublic>} of the bucket's policy ({@link BucketPolicy#isPublic});
 * 404 NoSuchBucketPolicy when the bucket has none, as AWS answers.
 */
@ApplicationScoped
public class GetBucketPolicyStatusHandler implements S3Handler<GetBucketPolicyStatus> {
    @Override
    public S3Response handle(GetBucketPolicyStatus op, S3Request request) {
        BucketPolicy policy = BucketPolicy.of(request.bucket());
        if (policy == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET_POLICY).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, new XmlWriter().openRoot("PolicyStatus")
                .element("IsPublic", Boolean.toString(policy.isPublic()))
                .close("PolicyStatus").toBytes());
    }
}
