package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteBucketTagging: removes the bucket's tags; 204 whether or not it had any. */
@ApplicationScoped
public class DeleteBucketTaggingHandler implements S3Handler<DeleteBucketTagging> {
    private final ObjectStore store;

    public DeleteBucketTaggingHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucketTagging op, S3Request request) throws IOException {
        if (request.bucket().setting(BucketAccess.TAGS) != null) {
            store.updateBucket(op.bucket(), Collections.singletonMap(BucketAccess.TAGS, null));
        }
        return S3Response.noContent();
    }
}
