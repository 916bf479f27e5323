package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.ListMultipartUploads;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BucketInfo;
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
    private final GranteeResolver owners;

    public ListMultipartUploadsHandler(ObjectStore store, GranteeResolver owners) {
        this.store = store;
        this.owners = owners;
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
        for (MultipartUpload upload : page.uploads()) {
            xml.open("Upload")
                    .element("Key", ListingXml.encode(upload.key(), url))
                    .element("UploadId", upload.uploadId());
            people(xml, initiator(upload, request.bucket()), owners);
            xml.element("StorageClass", StorageClassHeader.stored(upload.attributes().system()))
                    .element("Initiated", upload.initiated());
            ChecksumFacts.uploadXml(xml, upload.attributes().system());
            xml.close("Upload");
        }
        for (String prefix : page.commonPrefixes()) {
            xml.open("CommonPrefixes").element("Prefix", ListingXml.encode(prefix, url)).close("CommonPrefixes");
        }
        return S3Response.xml(200, xml.close("ListMultipartUploadsResult").toBytes());
    }

    /**
     * Who started an upload: the user whose request created it (kept as the upload's {@link ObjectAccess#OWNER}
     * fact, the owner of the object it completes to); the bucket owner for uploads created before that was kept.
     */
    static String initiator(MultipartUpload upload, BucketInfo bucket) {
        String owner = upload.attributes().system().get(ObjectAccess.OWNER);
        return owner != null ? owner : bucket.ownerId();
    }

    /** Initiator and Owner: the user who created the upload, who owns the object too. */
    static void people(XmlWriter xml, String owner, GranteeResolver owners) {
        ListingXml.owner(xml, "Initiator", owner, owners);
        ListingXml.owner(xml, "Owner", owner, owners);
    }
}
