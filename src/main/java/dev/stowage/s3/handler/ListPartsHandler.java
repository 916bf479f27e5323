package dev.stowage.s3.handler;

import dev.stowage.s3.S3Operation.ListParts;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PartInfo;
import dev.stowage.store.PartPage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** ListParts: an upload's parts in part-number order, paged by part-number-marker and max-parts. */
@ApplicationScoped
public class ListPartsHandler implements S3Handler<ListParts> {
    private final ObjectStore store;
    private final GranteeResolver owners;

    public ListPartsHandler(ObjectStore store, GranteeResolver owners) {
        this.store = store;
        this.owners = owners;
    }

    @Override
    public S3Response handle(ListParts op, S3Request request) throws IOException {
        PartPage page = store.listParts(op.bucket(), op.key(), op.uploadId(), op.partNumberMarker(), op.maxParts());
        XmlWriter xml = new XmlWriter().openRoot("ListPartsResult")
                .element("Bucket", op.bucket())
                .element("Key", op.key())
                .element("UploadId", op.uploadId())
                .element("PartNumberMarker", op.partNumberMarker())
                .element("NextPartNumberMarker", page.nextMarker())
                .element("MaxParts", op.maxParts())
                .element("IsTruncated", page.truncated());
        for (PartInfo part : page.parts()) {
            xml.open("Part")
                    .element("PartNumber", part.partNumber())
                    .element("LastModified", part.lastModified())
                    .element("ETag", '"' + part.etag() + '"')
                    .element("Size", part.size());
            ChecksumFacts.xml(xml, part.system(), false);
            xml.close("Part");
        }
        ListMultipartUploadsHandler.people(xml,
                ListMultipartUploadsHandler.initiator(page.upload(), request.bucket()), owners);
        xml.element("StorageClass", StorageClassHeader.stored(page.upload().attributes().system()));
        ChecksumFacts.uploadXml(xml, page.upload().attributes().system());
        return S3Response.xml(200, xml.close("ListPartsResult").toBytes());
    }
}
