package dev.stowage.s3.handler;

import dev.stowage.s3.BucketConfigurationKind;
import dev.stowage.s3.S3Operation.GetBucketConfiguration;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GetBucketPolicy, GetBucketLifecycleConfiguration, GetBucketEncryption and the other reads of a configuration
 * Stowage does not keep: what AWS answers for a bucket without it, the kind's not-found error (with BucketName) or
 * its "nothing configured" document.
 */
@ApplicationScoped
public class GetBucketConfigurationHandler implements S3Handler<GetBucketConfiguration> {
    @Override
    public S3Response handle(GetBucketConfiguration op, S3Request request) {
        BucketConfigurationKind kind = op.kind();
        if (kind.missing() != null) {
            throw new S3Exception(kind.missing()).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, kind.unconfiguredDocument());
    }
}
