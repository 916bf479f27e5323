package dev.stowage.s3.handler;

import static dev.stowage.s3.S3Headers.NULL_VERSION_ID;

import dev.stowage.s3.S3Operation.ListObjectVersions;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ListPage;
import dev.stowage.store.ListQuery;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * ListObjectVersions on a bucket that was never versioned, as AWS answers it: every object is one {@code Version}
 * with VersionId {@code null}, the latest; there are no delete markers. With one version per key, paging by
 * key-marker is ListObjects' marker paging (a version-id-marker, always {@code null}, adds nothing: no other
 * version of the marker's key follows it). A versioned store would list versions here instead of objects.
 */
@ApplicationScoped
public class ListObjectVersionsHandler implements S3Handler<ListObjectVersions> {
    private final ObjectStore store;
    private final GranteeResolver owners;

    public ListObjectVersionsHandler(ObjectStore store, GranteeResolver owners) {
        this.store = store;
        this.owners = owners;
    }

    @Override
    public S3Response handle(ListObjectVersions op, S3Request request) throws IOException {
        ListPage page = store.listObjects(op.bucket(),
                new ListQuery(op.prefix(), op.delimiter(), op.keyMarker(), op.maxKeys()));
        boolean url = op.urlEncoding();
        XmlWriter xml = new XmlWriter().openRoot("ListVersionsResult")
                .element("Name", op.bucket())
                .element("Prefix", ListingXml.encode(op.prefix(), url))
                .element("KeyMarker", ListingXml.encode(op.keyMarker(), url))
                .element("VersionIdMarker", op.versionIdMarker());
        if (page.truncated()) {
            xml.element("NextKeyMarker", ListingXml.encode(page.nextAfter(), url));
            if (!lastIsPrefix(page)) {
                xml.element("NextVersionIdMarker", NULL_VERSION_ID);
            }
        }
        xml.element("MaxKeys", op.maxKeys());
        if (op.delimiter() != null) {
            xml.element("Delimiter", ListingXml.encode(op.delimiter(), url));
        }
        xml.element("IsTruncated", page.truncated());
        for (ListPage.ListEntry entry : page.entries()) {
            if (!entry.isPrefix()) {
                version(xml, entry, url, request, owners);
            }
        }
        ListingXml.commonPrefixes(xml, page, url);
        if (url) {
            xml.element("EncodingType", "url");
        }
        return S3Response.xml(200, xml.close("ListVersionsResult").toBytes());
    }

    private static void version(XmlWriter xml, ListPage.ListEntry entry, boolean url, S3Request request,
            GranteeResolver owners) {
        ObjectInfo info = entry.info();
        String owner = ObjectAccess.owner(info, request.bucket());
        xml.open("Version")
                .element("Key", ListingXml.encode(entry.key(), url))
                .element("VersionId", NULL_VERSION_ID)
                .element("IsLatest", true)
                .element("LastModified", info.lastModified())
                .element("ETag", '"' + info.etag() + '"');
        ChecksumFacts.listingXml(xml, info.attributes().system());
        xml.element("Size", info.size())
                .element("StorageClass", StorageClassHeader.stored(info.attributes().system()));
        ListingXml.owner(xml, "Owner", owner, owners);
        xml.close("Version");
    }

    /** Whether a truncated page ends at a common prefix: then the next page starts after it and no version names. */
    private static boolean lastIsPrefix(ListPage page) {
        return !page.entries().isEmpty() && page.entries().getLast().isPrefix();
    }
}
