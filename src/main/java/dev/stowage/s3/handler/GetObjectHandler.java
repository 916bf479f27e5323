package dev.stowage.s3.handler;

import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.GetObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** GetObject: the whole object or one byte range, streamed from the version opened first. */
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
            ObjectInfo info = reader.info();
            ObjectResponses.checkPreconditions(request.head(), info);
            ObjectResponses.ByteRange range = ObjectResponses.range(request.head().header(S3Headers.RANGE), info.size());
            S3Response response = ObjectResponses.objectHeaders(S3Response.status(range == null ? 200 : 206), info,
                    request.head());
            if (range == null) {
                if (ChecksumFacts.modeEnabled(request.head())) {
                    ChecksumFacts.headers(response, info.attributes().system(), true);
                }
                return response.body(new S3Response.ObjectContent(reader, 0, info.size()));
            }
            return response.header(S3Headers.CONTENT_RANGE_OUT, range.contentRange(info.size()))
                    .body(new S3Response.ObjectContent(reader, range.start(), range.length()));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
