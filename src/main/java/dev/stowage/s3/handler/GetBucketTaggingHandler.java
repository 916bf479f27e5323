package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketTagging;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.tagging.TagSet;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketTagging: the bucket's tags; NoSuchTagSet when it has none. */
@ApplicationScoped
public class GetBucketTaggingHandler implements S3Handler<GetBucketTagging> {
    @Override
    public S3Response handle(GetBucketTagging op, S3Request request) {
        String stored = request.bucket().setting(BucketAccess.TAGS);
        if (stored == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_TAG_SET).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, TagSet.decode(stored).toXml());
    }
}
