package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetBucketAcl;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.AclXml;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.access.GranteeResolver;
import jakarta.enterprise.context.ApplicationScoped;

/** GetBucketAcl: the bucket's owner and grants as an AccessControlPolicy. */
@ApplicationScoped
public class GetBucketAclHandler implements S3Handler<GetBucketAcl> {
    private final GranteeResolver resolver;

    public GetBucketAclHandler(GranteeResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public S3Response handle(GetBucketAcl op, S3Request request) {
        return S3Response.xml(200,
                AclXml.render(request.bucket().ownerId(), BucketAccess.acl(request.bucket()), resolver));
    }
}
