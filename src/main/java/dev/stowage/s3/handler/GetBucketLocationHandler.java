package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketLocation;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.xml.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketLocation: the region the bucket was created in; empty for us-east-1, as AWS answers. */
@ApplicationScoped
public class GetBucketLocationHandler implements S3Handler<GetBucketLocation> {
    @Override
    public S3Response handle(GetBucketLocation op, S3Request request) {
        String location = request.bucket().location();
        XmlWriter xml = new XmlWriter().openRoot("LocationConstraint");
        if (location != null && !"us-east-1".equals(location)) {
            xml.text(location);
        }
        return S3Response.xml(200, xml.close("LocationConstraint").toBytes());
    }
}
