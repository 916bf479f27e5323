package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.DeleteObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PreconditionFailedException;
import dev.stowage.store.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * DeleteObject: 204 whether or not the key existed, as S3 answers. With {@code If-Match} (AWS's conditional
 * deletes: an ETag, a list of them, or {@code *}) the object is deleted only if it matches, checked under the lock
 * this gateway's writes of the key take: 412 PreconditionFailed when it does not, 404 NoSuchKey when there is none.
 */
@ApplicationScoped
public class DeleteObjectHandler implements S3Handler<DeleteObject> {
    private final ObjectStore store;

    public DeleteObjectHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(DeleteObject op, S3Request request) throws IOException {
        WriteCondition condition = WriteConditions.ifMatch(request.head());
        if (condition.isNone()) {
            store.deleteObject(op.bucket(), op.key());
        } else {
            deleteIfMatching(store, op.bucket(), op.key(), condition);
        }
        return S3Response.noContent();
    }

    /**
     * Deletes the object only if {@code condition} (an If-Match) holds for it; NoSuchKeyException when there is
     * none, PreconditionFailedException when it does not match.
     */
    static void deleteIfMatching(ObjectStore store, String bucket, String key, WriteCondition condition)
            throws IOException {
        boolean[] existed = {false};
        boolean deleted = store.deleteObjectIf(bucket, key, current -> {
            existed[0] = true;
            return condition.failedHeader(current, key) == null;
        });
        if (!deleted) {
            if (!existed[0]) {
                throw new NoSuchKeyException(key);
            }
            throw new PreconditionFailedException(key, "If-Match");
        }
    }
}
