package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketVersioning;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.xml.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GetBucketVersioning: {@code <Status>Suspended</Status>} once PutBucketVersioning suspended the bucket's
 * versioning; an empty configuration for a bucket whose versioning was never set, as AWS answers.
 */
@ApplicationScoped
public class GetBucketVersioningHandler implements S3Handler<GetBucketVersioning> {
    @Override
    public S3Response handle(GetBucketVersioning op, S3Request request) {
        XmlWriter xml = new XmlWriter().openRoot("VersioningConfiguration");
        String status = request.bucket().setting(BucketAccess.VERSIONING);
        if (status != null) {
            xml.element("Status", status);
        }
        return S3Response.xml(200, xml.close("VersioningConfiguration").toBytes());
    }
}
