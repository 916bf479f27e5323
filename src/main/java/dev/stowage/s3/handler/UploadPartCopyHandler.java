package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.UploadPartCopy;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PartInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;

/** UploadPartCopy: a part made of a source object, or of the byte range {@code x-amz-copy-source-range} names. */
@ApplicationScoped
public class UploadPartCopyHandler implements S3Handler<UploadPartCopy> {
    private final ObjectStore store;
    private final CopySources sources;

    public UploadPartCopyHandler(ObjectStore store, CopySources sources) {
        this.store = store;
        this.sources = sources;
    }

    @Override
    public S3Response handle(UploadPartCopy op, S3Request request) throws IOException {
        MultipartUpload upload = store.upload(op.bucket(), op.key(), op.uploadId());
        CustomerEncryption.Writing sseC = CustomerEncryption.forPart(request.head(), upload.attributes().system(),
                op.partNumber());
        try (CopySources.Opened opened = sources.openForCopy(op.source(), request)) {
            ObjectReader source = opened.plaintext();
            long size = source.info().size();
            long[] range = range(request.head().header(S3Headers.X_AMZ_COPY_SOURCE_RANGE), size);
            if (range[1] > CopySources.MAX_COPY_SOURCE) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The specified copy source is larger than the "
                        + "maximum allowable size for a copy source: " + CopySources.MAX_COPY_SOURCE);
            }
            String wanted = upload.attributes().system().get(ChecksumFacts.ALGORITHM);
            PartInfo part;
            if (wanted == null && opened.key() == null && sseC == null) {
                part = store.copyPart(op.bucket(), op.key(), op.uploadId(), op.partNumber(), source, range[0],
                        range[1]);
            } else { // read the bytes through here: for the part's checksum (as AWS does), or to decrypt / encrypt
                InputStream bytes = new ObjectRangeStream(source, range[0], range[1]);
                if (wanted != null) {
                    bytes = new ChecksumFacts.Computing(bytes, ChecksumAlgorithm.fromDisplayName(wanted));
                }
                InputStream plain = bytes;
                part = store.putPart(op.bucket(), op.key(), op.uploadId(), op.partNumber(),
                        sseC == null ? plain : sseC.encrypt(plain), range[1], null, ChecksumFacts.afterBody(plain));
            }
            XmlWriter xml = new XmlWriter().openRoot("CopyPartResult")
                    .element("ETag", '"' + part.etag() + '"')
                    .element("LastModified", part.lastModified());
            ChecksumFacts.Stored checksum = ChecksumFacts.stored(part.system());
            if (checksum != null) {
                xml.element(checksum.xmlName(), checksum.value());
            }
            return CustomerEncryption.headers(S3Response.xml(200, xml.close("CopyPartResult").toBytes()),
                    sseC == null ? null : sseC.key().keyMd5());
        }
    }

    /** {offset, length} of {@code bytes=first-last} within an object of {@code size}; the whole when absent. */
    static long[] range(String header, long size) {
        if (header == null) {
            return new long[] {0, size};
        }
        String h = header.trim();
        int dash = h.indexOf('-');
        long first;
        long last;
        try {
            if (!h.startsWith("bytes=") || dash < 0) {
                throw new NumberFormatException();
            }
            first = Long.parseLong(h.substring(6, dash));
            last = Long.parseLong(h.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the "
                    + "form bytes=first-last where first and last are the zero-based offsets of the first and last "
                    + "bytes to copy")
                    .element("ArgumentName", S3Headers.X_AMZ_COPY_SOURCE_RANGE)
                    .element("ArgumentValue", header);
        }
        if (first < 0 || last < first || last >= size) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Range specified is not valid for source object "
                    + "of size: " + size)
                    .element("ArgumentName", S3Headers.X_AMZ_COPY_SOURCE_RANGE)
                    .element("ArgumentValue", header);
        }
        return new long[] {first, last - first + 1};
    }
}
