package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteBucketOwnershipControls;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteBucketOwnershipControls: back to no setting (objects owned by their writers, ACLs on); 204. */
@ApplicationScoped
public class DeleteBucketOwnershipControlsHandler implements S3Handler<DeleteBucketOwnershipControls> {
    private final ObjectStore store;

    public DeleteBucketOwnershipControlsHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteBucketOwnershipControls op, S3Request request) throws IOException {
        if (ObjectOwnership.isConfigured(request.bucket())) {
            store.updateBucket(op.bucket(), Collections.singletonMap(ObjectOwnership.SETTING, null));
        }
        return S3Response.noContent();
    }
}
