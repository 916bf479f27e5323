package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.PutBucketAcl;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.AccessControlList;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** PutBucketAcl: replaces the bucket's grants (canned ACL, grant headers or AccessControlPolicy body). */
@ApplicationScoped
public class PutBucketAclHandler implements S3Handler<PutBucketAcl> {
    private final ObjectStore store;
    private final AclBodies acls;

    public PutBucketAclHandler(ObjectStore store, AclBodies acls) {
        this.store = store;
        this.acls = acls;
    }

    @Override
    public S3Response handle(PutBucketAcl op, S3Request request) throws IOException {
        AccessControlList acl = acls.read(request, request.bucket().ownerId(), null);
        ObjectOwnership.of(request.bucket()).requireAclAllowed(acl, request.bucket().ownerId());
        PublicAccessBlock.of(request.bucket()).requireAllowed(acl);
        store.updateBucket(op.bucket(), Map.of(BucketAccess.ACL, acl.encode()));
        return S3Response.ok();
    }
}
