package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketConfiguration;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * DeleteBucketPolicy, DeleteBucketLifecycle, DeleteBucketEncryption and the other deletes of a configuration
 * Stowage does not keep: there is none, so 204, as AWS answers for a bucket without it.
 */
@ApplicationScoped
public class DeleteBucketConfigurationHandler implements S3Handler<DeleteBucketConfiguration> {
    @Override
    public S3Response handle(DeleteBucketConfiguration op, S3Request request) {
        return S3Response.noContent();
    }
}
