package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetObjectTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import jakarta.enterprise.context.ApplicationScoped;

/** GetObjectTagging: the object's tags (an empty TagSet when it has none). */
@ApplicationScoped
public class GetObjectTaggingHandler implements S3Handler<GetObjectTagging> {
    @Override
    public S3Response handle(GetObjectTagging op, S3Request request) {
        return S3Response.xml(200, ObjectAccess.tags(request.object()).toXml());
    }
}
