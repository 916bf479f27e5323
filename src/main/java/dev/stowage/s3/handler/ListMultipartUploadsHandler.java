package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.ListMultipartUploads;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.UploadPage;
import dev.stowage.store.UploadQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** ListMultipartUploads: a bucket's uploads in progress by key, with prefix, delimiter and the two markers. */
@ApplicationScoped
public class ListMultipartUploadsHandler implements S3Handler<ListMultipartUploads> {
    private final ObjectStore store;

    public ListMultipartUploadsHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(ListMultipartUploads op, S3Request request) throws IOException {
        UploadPage page = store.listUploads(op.bucket(), new UploadQuery(op.prefix(), op.delimiter(), op.keyMarker(),
                op.uploadIdMarker(), op.maxUploads()));
        boolean url = op.urlEncoding();
        XmlWriter xml = new XmlWriter().openRoot("ListMultipartUploadsResult")
                .element("Bucket", op.bucket())
                .element("KeyMarker", ListingXml.encode(op.keyMarker(), url))
                .element("UploadIdMarker", op.uploadIdMarker())
                .element("NextKeyMarker", ListingXml.encode(page.nextKeyMarker(), url))
                .element("NextUploadIdMarker", page.nextUploadIdMarker());
        if (url) {
            xml.element("EncodingType", "url");
        }
        xml.optional("Delimiter", ListingXml.encode(op.delimiter(), url))
                .optional("Prefix", ListingXml.encode(op.prefix(), url))
                .element("MaxUploads", op.maxUploads())
                .element("IsTruncated", page.truncated());
        String owner = request.bucket().ownerId();
        for (MultipartUpload upload : page.uploads()) {
            xml.open("Upload")
                    .element("Key", ListingXml.encode(upload.key(), url))
                    .element("UploadId", upload.uploadId());
            people(xml, owner);
            xml.element("StorageClass", "STANDARD").element("Initiated", upload.initiated());
            String algorithm = upload.attributes().system().get(ChecksumFacts.ALGORITHM);
            if (algorithm != null) {
                xml.element("ChecksumAlgorithm", algorithm).element("ChecksumType", ChecksumFacts.COMPOSITE);
            }
            xml.close("Upload");
        }
        for (String prefix : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", ListingXml.encode(prefix, url)).close("CommonPrefixes");
        }
        return S3Response.xml(200, xml.close("ListMultipartUploadsResult").toBytes());
    }

    /** Initiator and Owner: the bucket owner (only the owner may upload until ACLs arrive). */
    static void people(XmlWriter xml, String owner) {
        xml.open("Initiator").element("ID", owner).element("DisplayName", owner).close("Initiator")
                .open("Owner").element("ID", owner).element("DisplayName", owner).close("Owner");
    }
}
