package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.ListObjectsV2;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ListPage;
import dev.stowage.store.ListQuery;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** ListObjectsV2: opaque continuation tokens, start-after, KeyCount, fetch-owner. */
@ApplicationScoped
public class ListObjectsV2Handler implements S3Handler<ListObjectsV2> {
    private final ObjectStore store;
    private final GranteeResolver owners;

    public ListObjectsV2Handler(ObjectStore store, GranteeResolver owners) {
        this.store = store;
        this.owners = owners;
    }

    @Override
    public S3Response handle(ListObjectsV2 op, S3Request request) throws IOException {
        String after = op.continuationToken() != null ? ContinuationToken.decode(op.continuationToken()) : op.startAfter();
        ListPage page = store.listObjects(op.bucket(), new ListQuery(op.prefix(), op.delimiter(), after, op.maxKeys()));
        boolean url = op.urlEncoding();
        XmlWriter xml = new XmlWriter().openRoot("ListBucketResult")
                .element("Name", op.bucket())
                .element("Prefix", ListingXml.encode(op.prefix(), url));
        if (op.delimiter() != null) {
            xml.element("Delimiter", ListingXml.encode(op.delimiter(), url));
        }
        xml.element("MaxKeys", op.maxKeys());
        if (url) {
            xml.element("EncodingType", "url");
        }
        xml.element("KeyCount", page.entries().size()).element("IsTruncated", page.truncated());
        if (op.continuationToken() != null) {
            xml.element("ContinuationToken", op.continuationToken());
        }
        if (page.truncated()) {
            xml.element("NextContinuationToken", ContinuationToken.encode(page.nextAfter()));
        }
        if (op.startAfter() != null) {
            xml.element("StartAfter", ListingXml.encode(op.startAfter(), url));
        }
        ListingXml.entries(xml, page, url, request.bucket(), op.fetchOwner() ? owners : null);
        return S3Response.xml(200, xml.close("ListBucketResult").toBytes());
    }
}
