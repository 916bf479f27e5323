package dev.stowage.s3.handler;

import java.io.InputStream;
import dev.stowage.s3.sse.CustomerKey;
import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.EncryptionHeaders;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CopyObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.WebsiteRedirectHeader;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * CopyObject: the source's bytes (copied file to file, in the kernel) under the addressed key, with the source's
 * metadata ({@code x-amz-metadata-directive: COPY}, the default) or the request's ({@code REPLACE}). The bytes'
 * own facts (ETag, checksums) go with them either way. With a customer key (SSE-C) on either side the bytes are
 * read through this gateway instead, decrypted with the source's key and encrypted with the copy's.
 */
@ApplicationScoped
public class CopyObjectHandler implements S3Handler<CopyObject> {
    private static final String COPY = "COPY";
    private static final String REPLACE = "REPLACE";

    private final ObjectStore store;
    private final CopySources sources;
    private final ObjectAccess access;

    public CopyObjectHandler(ObjectStore store, CopySources sources, ObjectAccess access) {
        this.store = store;
        this.sources = sources;
        this.access = access;
    }

    @Override
    public S3Response handle(CopyObject op, S3Request request) throws IOException {
        boolean replace = REPLACE.equals(directive(request, S3Headers.X_AMZ_METADATA_DIRECTIVE, "metadata"));
        directive(request, S3Headers.X_AMZ_TAGGING_DIRECTIVE, "tagging"); // ObjectAccess.forCopy applies it
        ObjectAttributes replacement = replace ? PutObjectHandler.attributes(request.head()) : null;
        WriteCondition condition = WriteConditions.of(request.head());
        CustomerEncryption.Writing sseC = CustomerEncryption.forWrite(request.head());
        try (CopySources.Opened source = sources.openForCopy(op.source(), request)) {
            ObjectInfo from = source.stored().info();
            if (!replace && op.source().bucket().equals(op.bucket()) && op.source().key().equals(op.key())
                    && !changesWhatSelfCopyMay(request.head())) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is "
                        + "trying to copy an object to itself without changing the object's metadata, storage "
                        + "class, website redirect location or encryption attributes.");
            }
            if (from.size() > CopySources.MAX_COPY_SOURCE) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The specified copy source is larger than the "
                        + "maximum allowable size for a copy source: " + CopySources.MAX_COPY_SOURCE);
            }
            Map<String, String> facts = CustomerEncryption.withoutKeyFacts(access.forCopy(from.attributes().system(),
                    request.head(), request.principal(), request.bucket()));
            if (sseC != null) {
                facts.putAll(sseC.facts());
            }
            ObjectAttributes attributes = (replace ? replacement : from.attributes()).withSystem(facts);
            ObjectInfo copied;
            if (source.key() == null && sseC == null) {
                copied = store.copyObject(source.stored(), op.bucket(), op.key(), attributes, condition);
            } else { // bytes pass through here to be decrypted, encrypted, or both
                InputStream plain = new ObjectRangeStream(source.plaintext(), 0, from.size());
                copied = store.putObject(op.bucket(), op.key(), sseC == null ? plain : sseC.encrypt(plain),
                        from.size(), null, attributes, Map::of, condition);
            }
            XmlWriter xml = new XmlWriter().openRoot("CopyObjectResult")
                    .element("ETag", '"' + copied.etag() + '"')
                    .element("LastModified", copied.lastModified());
            ChecksumFacts.xml(xml, copied.attributes().system(), true);
            xml.close("CopyObjectResult");
            return CustomerEncryption.headers(ObjectResponses.expiration(S3Response.xml(200, xml.toBytes()), request,
                    copied), sseC == null ? null : sseC.key().keyMd5());
        }
    }

    /**
     * Whether a copy onto itself with the source's metadata still changes something AWS lets such a copy change:
     * the storage class, the website redirect location or the encryption (all three are request headers).
     */
    private static boolean changesWhatSelfCopyMay(RequestHead head) {
        return head.header(StorageClassHeader.HEADER) != null || head.header(WebsiteRedirectHeader.HEADER) != null
                || head.header(EncryptionHeaders.SSE) != null || CustomerKey.present(head::header);
    }

    /** A copy's {@code COPY}/{@code REPLACE} directive header, or null; another value → 400 InvalidArgument. */
    private static String directive(S3Request request, String header, String what) {
        String value = request.head().header(header);
        if (value != null && !REPLACE.equals(value) && !COPY.equals(value)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown " + what + " directive.")
                    .element("ArgumentName", header)
                    .element("ArgumentValue", value);
        }
        return value;
    }
}
