package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.PutObjectAcl;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.AccessControlList;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/** PutObjectAcl: replaces the object's grants; its bytes, ETag and modification time stay as they are. */
@ApplicationScoped
public class PutObjectAclHandler implements S3Handler<PutObjectAcl> {
    private final ObjectStore store;
    private final AclBodies acls;

    public PutObjectAclHandler(ObjectStore store, AclBodies acls) {
        this.store = store;
        this.acls = acls;
    }

    @Override
    public S3Response handle(PutObjectAcl op, S3Request request) throws IOException {
        String owner = ObjectAccess.owner(request.object(), request.bucket());
        AccessControlList acl = acls.read(request, owner, request.bucket().ownerId());
        ObjectOwnership.of(request.bucket()).requireAclAllowed(acl, request.bucket().ownerId());
        PublicAccessBlock.of(request.bucket()).requireAllowed(acl);
        store.updateObjectSystem(op.bucket(), op.key(), Map.of(ObjectAccess.OWNER, owner, ObjectAccess.ACL, acl.encode()));
        return S3Response.ok();
    }
}
