package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.AbortMultipartUpload;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** AbortMultipartUpload: the upload and its parts are removed; 204, or NoSuchUpload. */
@ApplicationScoped
public class AbortMultipartUploadHandler implements S3Handler<AbortMultipartUpload> {
    private final ObjectStore store;

    public AbortMultipartUploadHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(AbortMultipartUpload op, S3Request request) throws IOException {
        store.abortUpload(op.bucket(), op.key(), op.uploadId());
        return S3Response.noContent();
    }
}
