package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketVersioning;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.xml.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketVersioning: versioning has never been enabled on any bucket, so the configuration is empty. */
@ApplicationScoped
public class GetBucketVersioningHandler implements S3Handler<GetBucketVersioning> {
    @Override
    public S3Response handle(GetBucketVersioning op, S3Request request) {
        XmlWriter xml = new XmlWriter().openRoot("VersioningConfiguration").close("VersioningConfiguration");
        return S3Response.xml(200, xml.toBytes());
    }
}
