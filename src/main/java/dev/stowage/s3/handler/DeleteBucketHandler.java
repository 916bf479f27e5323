package dev.stowage.s3.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.s3.S3Operation.DeleteBucket;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * DeleteBucket: only an empty bucket goes (the store raises BucketNotEmpty otherwise); then the accounts forget its
 * ownership record, so its owner may be deleted once it owns no other bucket.
 */
@ApplicationScoped
public class DeleteBucketHandler implements S3Handler<DeleteBucket> {
    private final ObjectStore store;
    private final Accounts accounts;

    public DeleteBucketHandler(ObjectStore store, Accounts accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(DeleteBucket op, S3Request request) throws IOException {
        store.deleteBucket(op.bucket());
        accounts.bucketDeleted(op.bucket());
        return S3Response.noContent();
    }
}
