package dev.stowage.s3.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.s3.S3Operation.PutBucketPolicy;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.PublicAccessBlock;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.policy.BucketPolicy;
import dev.stowage.s3.policy.PolicyParser;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * PutBucketPolicy: validates the document ({@link PolicyParser}: MalformedPolicy with S3's messages, principals
 * resolved to existing users) and keeps it verbatim; 204. A public policy while the bucket's public access block
 * has {@code BlockPublicPolicy} is 403 AccessDenied, and nothing changes.
 */
@ApplicationScoped
public class PutBucketPolicyHandler implements S3Handler<PutBucketPolicy> {
    private final ObjectStore store;
    private final Accounts accounts;

    public PutBucketPolicyHandler(ObjectStore store, Accounts accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(PutBucketPolicy op, S3Request request) throws IOException {
        byte[] body = XmlRequestReader.readBody(request, PolicyParser.MAX_BYTES,
                () -> new S3Exception(S3ErrorCode.MALFORMED_POLICY, "Policies must be less than 20 KB"));
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MALFORMED_POLICY);
        }
        String document = new String(body, StandardCharsets.UTF_8);
        BucketPolicy policy = PolicyParser.parse(document, op.bucket(), id -> accounts.findById(id).isPresent());
        if (policy.isPublic() && PublicAccessBlock.of(request.bucket()).blockPublicPolicy()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        store.updateBucket(op.bucket(), Map.of(BucketPolicy.SETTING, document));
        return S3Response.noContent();
    }
}
