package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketCors;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** GetBucketCors: the bucket's CORSConfiguration; NoSuchCORSConfiguration when it has none. */
@ApplicationScoped
public class GetBucketCorsHandler implements S3Handler<GetBucketCors> {
    @Override
    public S3Response handle(GetBucketCors op, S3Request request) {
        String stored = request.bucket().setting(BucketAccess.CORS);
        if (stored == null) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_CORS_CONFIGURATION).element("BucketName", op.bucket());
        }
        return S3Response.xml(200, stored.getBytes(StandardCharsets.UTF_8));
    }
}
