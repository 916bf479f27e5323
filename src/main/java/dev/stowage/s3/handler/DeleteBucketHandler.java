package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucket;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** DeleteBucket: only an empty bucket goes (the store raises BucketNotEmpty otherwise). */
@ApplicationScoped
public class DeleteBucketHandler implements S3Handler<DeleteBucket> {
    private final ObjectStore store;

    public DeleteBucketHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucket op, S3Request request) throws IOException {
        store.deleteBucket(op.bucket());
        return S3Response.noContent();
    }
}
