package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketCors;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteBucketCors: removes the bucket's CORS rules; 204. */
@ApplicationScoped
public class DeleteBucketCorsHandler implements S3Handler<DeleteBucketCors> {
    private final ObjectStore store;

    public DeleteBucketCorsHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucketCors op, S3Request request) throws IOException {
        if (request.bucket().setting(BucketAccess.CORS) != null) {
            store.updateBucket(op.bucket(), Collections.singletonMap(BucketAccess.CORS, null));
        }
        return S3Response.noContent();
    }
}
