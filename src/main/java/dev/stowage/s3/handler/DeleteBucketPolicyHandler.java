package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketPolicy;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.policy.BucketPolicy;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteBucketPolicy: removes the bucket's policy; 204 whether or not it had one. */
@ApplicationScoped
public class DeleteBucketPolicyHandler implements S3Handler<DeleteBucketPolicy> {
    private final ObjectStore store;

    public DeleteBucketPolicyHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucketPolicy op, S3Request request) throws IOException {
        if (request.bucket().setting(BucketPolicy.SETTING) != null) {
            store.updateBucket(op.bucket(), Collections.singletonMap(BucketPolicy.SETTING, null));
        }
        return S3Response.noContent();
    }
}
