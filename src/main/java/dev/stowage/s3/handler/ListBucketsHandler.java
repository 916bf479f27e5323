package dev.stowage.s3.handler;

import dev.stowage.auth.Principal;
import dev.stowage.s3.S3Operation.ListBuckets;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ListBuckets: the caller's own buckets in name order, with the caller as Owner (ID and DisplayName, as ostor shows
 * them) and each bucket's region. The optional {@code prefix} and {@code bucket-region} filter them; with
 * {@code max-buckets} a page holds at most that many and, when more follow, a ContinuationToken to resume after the
 * last one (opaque, as ListObjectsV2's), as AWS pages ListBuckets.
 */
@ApplicationScoped
public class ListBucketsHandler implements S3Handler<ListBuckets> {
    private final ObjectStore store;

    public ListBucketsHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(ListBuckets op, S3Request request) throws IOException {
        Principal principal = request.principal();
        String after = op.continuationToken() == null ? null : ContinuationToken.decode(op.continuationToken());
        List<BucketInfo> page = new ArrayList<>();
        boolean truncated = false;
        for (BucketInfo bucket : store.listBuckets()) {
            if (!principal.userId().equals(bucket.ownerId())
                    || (op.prefix() != null && !bucket.name().startsWith(op.prefix()))
                    || (after != null && bucket.name().compareTo(after) <= 0)
                    || (op.bucketRegion() != null && !op.bucketRegion().equals(bucket.location()))) {
                continue;
            }
            if (op.maxBuckets() > 0 && page.size() == op.maxBuckets()) {
                truncated = true;
                break;
            }
            page.add(bucket);
        }
        XmlWriter xml = new XmlWriter().openRoot("ListAllMyBucketsResult");
        xml.open("Owner").element("ID", principal.userId()).element("DisplayName", displayName(principal)).close("Owner");
        xml.open("Buckets");
        for (BucketInfo bucket : page) {
            xml.open("Bucket").element("Name", bucket.name()).element("CreationDate", bucket.created());
            if (bucket.location() != null) {
                xml.element("BucketRegion", bucket.location());
            }
            xml.close("Bucket");
        }
        xml.close("Buckets");
        if (truncated) {
            xml.element("ContinuationToken", ContinuationToken.encode(page.getLast().name()));
        }
        if (op.prefix() != null) {
            xml.element("Prefix", op.prefix());
        }
        xml.close("ListAllMyBucketsResult");
        return S3Response.xml(200, xml.toBytes());
    }

    /**
     * The principal's display name: the email's local part ({@code client} for client@example.com), as ostor shows
     * it. Credential stores fill it so; a full email is cut here too, and a missing one falls back to the user id.
     */
    static String displayName(Principal principal) {
        String name = principal.displayName();
        if (name == null || name.isEmpty()) {
            return principal.userId();
        }
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
