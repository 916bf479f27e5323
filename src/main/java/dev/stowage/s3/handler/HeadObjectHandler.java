package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerKey;
import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.s3.S3Operation.HeadObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** HeadObject: GetObject's headers, status and conditions without the body. */
@ApplicationScoped
public class HeadObjectHandler implements S3Handler<HeadObject> {
    private final ObjectStore store;

    public HeadObjectHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(HeadObject op, S3Request request) throws IOException {
        ObjectResponses.requireSignedForOverrides(request);
        ObjectInfo info = request.object() != null ? request.object() : store.headObject(op.bucket(), op.key());
        CustomerKey key = CustomerEncryption.forRead(request.head(), info);
        ObjectResponses.checkPreconditions(request.head(), info);
        ObjectResponses.Selection selection = ObjectResponses.select(request.head(), info, op.partNumber());
        ObjectResponses.ByteRange range = selection.range();
        return CustomerEncryption.headers(ObjectResponses.response(selection, info, request),
                key == null ? null : key.keyMd5())
                .body(new S3Response.Empty(range == null ? info.size() : range.length()));
    }
}
