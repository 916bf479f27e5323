package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketLifecycle;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.lifecycle.LifecycleConfiguration;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteBucketLifecycle: removes the bucket's lifecycle rules; 204 whether or not it had any. */
@ApplicationScoped
public class DeleteBucketLifecycleHandler implements S3Handler<DeleteBucketLifecycle> {
    private final ObjectStore store;

    public DeleteBucketLifecycleHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucketLifecycle op, S3Request request) throws IOException {
        if (request.bucket().setting(LifecycleConfiguration.SETTING) != null) {
            store.updateBucket(op.bucket(), Collections.singletonMap(LifecycleConfiguration.SETTING, null));
        }
        return S3Response.noContent();
    }
}
