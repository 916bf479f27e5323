package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.ListObjects;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ListPage;
import dev.stowage.store.ListQuery;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** ListObjects (version 1): marker paging, NextMarker when a delimiter is given. */
@ApplicationScoped
public class ListObjectsHandler implements S3Handler<ListObjects> {
    private final ObjectStore store;
    private final GranteeResolver owners;

    public ListObjectsHandler(ObjectStore store, GranteeResolver owners) {
        this.store = store;
        this.owners = owners;
    }

    @Override
    public S3Response handle(ListObjects op, S3Request request) throws IOException {
        ListPage page = store.listObjects(op.bucket(), new ListQuery(op.prefix(), op.delimiter(), op.marker(), op.maxKeys()));
        boolean url = op.urlEncoding();
        XmlWriter xml = new XmlWriter().openRoot("ListBucketResult")
                .element("Name", op.bucket())
                .element("Prefix", ListingXml.encode(op.prefix(), url))
                .element("Marker", ListingXml.encode(op.marker(), url))
                .element("MaxKeys", op.maxKeys());
        if (op.delimiter() != null) {
            xml.element("Delimiter", ListingXml.encode(op.delimiter(), url));
        }
        if (url) {
            xml.element("EncodingType", "url");
        }
        xml.element("IsTruncated", page.truncated());
        if (page.truncated() && op.delimiter() != null) {
            xml.element("NextMarker", ListingXml.encode(page.nextAfter(), url));
        }
        ListingXml.entries(xml, page, url, request.bucket(), owners);
        return S3Response.xml(200, xml.close("ListBucketResult").toBytes());
    }
}
