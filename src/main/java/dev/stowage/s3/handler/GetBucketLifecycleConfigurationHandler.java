package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketLifecycleConfiguration;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.lifecycle.LifecycleConfiguration;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketLifecycleConfiguration: the bucket's rules; 404 NoSuchLifecycleConfiguration when it has none. */
@ApplicationScoped
public class GetBucketLifecycleConfigurationHandler implements S3Handler<GetBucketLifecycleConfiguration> {
    @Override
    public S3Response handle(GetBucketLifecycleConfiguration op, S3Request request) {
        LifecycleConfiguration configuration = LifecycleConfiguration.of(request.bucket());
        if (configuration == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, configuration.toXml());
    }
}
