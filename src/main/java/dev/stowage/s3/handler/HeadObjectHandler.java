package dev.stowage.s3.handler;

import dev.stowage.s3.S3Headers;
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
        ObjectInfo info = request.object() != null ? request.object() : store.headObject(op.bucket(), op.key());
        ObjectResponses.checkPreconditions(request.head(), info);
        ObjectResponses.ByteRange range = ObjectResponses.range(request.head().header(S3Headers.RANGE), info.size());
        S3Response response = ObjectResponses.objectHeaders(S3Response.status(range == null ? 200 : 206), info,
                request.head());
        if (range == null) {
            if (ChecksumFacts.modeEnabled(request.head())) {
                ChecksumFacts.headers(response, info.attributes().system(), true);
            }
            return response.body(new S3Response.Empty(info.size()));
        }
        return response.header(S3Headers.CONTENT_RANGE_OUT, range.contentRange(info.size()))
                .body(new S3Response.Empty(range.length()));
    }
}
