package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeletePublicAccessBlock;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeletePublicAccessBlock: removes the bucket's public access block; 204 whether or not it had one. */
@ApplicationScoped
public class DeletePublicAccessBlockHandler implements S3Handler<DeletePublicAccessBlock> {
    private final ObjectStore store;

    public DeletePublicAccessBlockHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeletePublicAccessBlock op, S3Request request) throws IOException {
        if (PublicAccessBlock.isConfigured(request.bucket())) {
            store.updateBucket(op.bucket(), Collections.singletonMap(PublicAccessBlock.SETTING, null));
        }
        return S3Response.noContent();
    }
}
