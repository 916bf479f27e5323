package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutBucketOwnershipControls;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * PutBucketOwnershipControls: sets the bucket's object ownership ({@link ObjectOwnership} says what each mode does).
 * Turning ACLs off (BucketOwnerEnforced) while the bucket's own ACL grants anyone but its owner anything is 400
 * InvalidBucketAclWithObjectOwnership, as AWS answers: the bucket ACL must be reset to private first.
 */
@ApplicationScoped
public class PutBucketOwnershipControlsHandler implements S3Handler<PutBucketOwnershipControls> {
    private final ObjectStore store;
    private final StowageConfig config;

    public PutBucketOwnershipControlsHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutBucketOwnershipControls op, S3Request request) throws IOException {
        ObjectOwnership mode = ObjectOwnership.fromXml(XmlRequestReader.readBody(request, config.requests().maxXmlBody()));
        if (!mode.allowsAcl(BucketAccess.acl(request.bucket()), request.bucket().ownerId())) {
            throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
        }
        store.updateBucket(op.bucket(), Map.of(ObjectOwnership.SETTING, mode.awsName()));
        return S3Response.ok();
    }
}
