package dev.stowage.s3.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CreateBucket;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.AccessControlList;
import dev.stowage.s3.access.AclHeaders;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.access.ObjectOwnership;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.BucketAlreadyExistsException;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * CreateBucket: validates the name, reads an optional CreateBucketConfiguration, an ACL and an object ownership
 * ({@code x-amz-object-ownership}; BucketOwnerEnforced with an ACL granting others is 400
 * InvalidBucketAclWithObjectOwnership), creates the bucket in the store,
 * then records its owner, creation date and epoch with the accounts (what ostor-buckets lists and what keeps a
 * user who owns buckets from being deleted). When the record cannot be written the new bucket is removed again,
 * so store and accounts never disagree about a bucket this request created.
 */
@ApplicationScoped
public class CreateBucketHandler implements S3Handler<CreateBucket> {
    private static final Logger LOG = Logger.getLogger(CreateBucketHandler.class);

    private final ObjectStore store;
    private final Accounts accounts;
    private final StowageConfig config;
    private final GranteeResolver grantees;

    public CreateBucketHandler(ObjectStore store, Accounts accounts, StowageConfig config, GranteeResolver grantees) {
        this.store = store;
        this.accounts = accounts;
        this.config = config;
        this.grantees = grantees;
    }

    @Override
    public S3Response handle(CreateBucket op, S3Request request) throws IOException {
        XmlElement configuration = readConfiguration(request);
        String location = location(configuration);
        String owner = request.principal().userId();
        AccessControlList acl = AclHeaders.parse(request.head(), owner, null, grantees);
        ObjectOwnership ownership = ObjectOwnership.fromHeader(request.head().header(ObjectOwnership.HEADER));
        Map<String, String> settings = new HashMap<>();
        if (ownership != null) {
            if (!ownership.allowsAcl(acl, owner)) {
                throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
            }
            settings.put(ObjectOwnership.SETTING, ownership.awsName());
        }
        if (acl != null && (ownership == null || !ownership.aclsDisabled())) {
            settings.put(BucketAccess.ACL, acl.encode());
        }
        XmlElement tags = configuration == null ? null : configuration.first("Tags");
        if (tags != null) { // AWS (2025): the bucket's tags given at creation, as PutBucketTagging takes them
            TagSet tagSet = TagSet.fromTags(tags, TagSet.Target.BUCKET);
            if (!tagSet.isEmpty()) {
                settings.put(BucketAccess.TAGS, tagSet.encode());
            }
        }
        BucketInfo created;
        try {
            created = store.createBucket(op.bucket(), owner, location == null ? config.region() : location, settings);
        } catch (BucketAlreadyExistsException e) {
            BucketInfo existing = store.bucket(op.bucket());
            S3ErrorCode code = owner.equals(existing.ownerId())
                    ? S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU
                    : S3ErrorCode.BUCKET_ALREADY_EXISTS;
            throw new S3Exception(code).resource("/" + op.bucket()).element("BucketName", op.bucket());
        }
        recordOwnership(created);
        return S3Response.ok().header(S3Headers.LOCATION_OUT, "/" + op.bucket());
    }

    private void recordOwnership(BucketInfo created) throws IOException {
        try {
            accounts.bucketCreated(new BucketRecord(created.name(), created.ownerId(), created.created(), created.epoch()));
        } catch (RuntimeException e) {
            try {
                store.deleteBucket(created.name());
            } catch (IOException | RuntimeException undo) {
                LOG.errorf(undo, "bucket %s was created but neither recorded nor removed", created.name());
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** The CreateBucketConfiguration body; null when there is none. */
    private XmlElement readConfiguration(S3Request request) throws IOException {
        byte[] body = XmlRequestReader.readBody(request, config.requests().maxXmlBody());
        return body.length == 0 ? null : XmlElement.parse(body, "CreateBucketConfiguration", S3ErrorCode.MALFORMED_XML);
    }

    private static String location(XmlElement configuration) {
        String location = configuration == null ? null : configuration.childText("LocationConstraint");
        if (location == null || location.isBlank()) {
            return null;
        }
        if (!location.matches("[a-zA-Z0-9-]{1,64}")) {
            throw new S3Exception(S3ErrorCode.INVALID_LOCATION_CONSTRAINT).element("LocationConstraint", location);
        }
        return location;
    }
}
