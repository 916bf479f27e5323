package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.GetObjectAcl;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.AclXml;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.access.ObjectAccess;
import jakarta.enterprise.context.ApplicationScoped;

/** GetObjectAcl: the object's owner and grants as an AccessControlPolicy. */
@ApplicationScoped
public class GetObjectAclHandler implements S3Handler<GetObjectAcl> {
    private final GranteeResolver resolver;

    public GetObjectAclHandler(GranteeResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public S3Response handle(GetObjectAcl op, S3Request request) {
        return S3Response.xml(200, AclXml.render(ObjectAccess.owner(request.object(), request.bucket()),
                ObjectAccess.acl(request.object(), request.bucket()), resolver));
    }
}
