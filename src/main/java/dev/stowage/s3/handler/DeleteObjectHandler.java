package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
@ApplicationScoped
public class DeleteObjectHandler implements S3Handler<DeleteObject> {
    private final ObjectStore store;

    public DeleteObjectHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteObject op, S3Request request) throws IOException {
        store.deleteObject(op.bucket(), op.key());
        return S3Response.noContent();
    }
}
