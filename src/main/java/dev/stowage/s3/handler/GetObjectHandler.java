package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerKey;
import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * GetObject: the whole object, one byte range or one part ({@code ?partNumber}), streamed from the version opened
 * first.
 */
@ApplicationScoped
public class GetObjectHandler implements S3Handler<GetObject> {
    private final ObjectStore store;

    public GetObjectHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(GetObject op, S3Request request) throws IOException {
        // authorization opened the object to check its ACL: read that one
        ObjectReader reader = request.reader() != null ? request.reader() : store.openObject(op.bucket(), op.key());
        try {
            ObjectResponses.requireSignedForOverrides(request);
            ObjectInfo info = reader.info();
            CustomerKey key = CustomerEncryption.forRead(request.head(), info);
            ObjectResponses.checkPreconditions(request.head(), info);
            ObjectResponses.Selection selection = ObjectResponses.select(request.head(), info, op.partNumber());
            ObjectResponses.ByteRange range = selection.range();
            ObjectReader content = key == null ? reader
                    : CustomerEncryption.decrypting(reader, key, PartLayout.sizesOf(info));
            return CustomerEncryption.headers(ObjectResponses.response(selection, info, request),
                    key == null ? null : key.keyMd5()).body(range == null
                    ? new S3Response.ObjectContent(content, 0, info.size())
                    : new S3Response.ObjectContent(content, range.start(), range.length()));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
