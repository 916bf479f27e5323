package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteObjectTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Collections;

/** DeleteObjectTagging: removes the object's tags; 204. */
@ApplicationScoped
public class DeleteObjectTaggingHandler implements S3Handler<DeleteObjectTagging> {
    private final ObjectStore store;

    public DeleteObjectTaggingHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteObjectTagging op, S3Request request) throws IOException {
        if (!ObjectAccess.tags(request.object()).isEmpty()) {
            store.updateObjectSystem(op.bucket(), op.key(), Collections.singletonMap(ObjectAccess.TAGS, null));
        }
        return S3Response.noContent();
    }
}
