package dev.stowage.s3.handler;

import dev.stowage.s3.ContentMd5;
import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.UploadPart;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PartInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * UploadPart: one part's bytes, with Content-MD5 and any checksum verified and kept; a part of the same number
 * uploaded before is replaced. An upload created with a checksum algorithm takes only parts that carry it, but for
 * a FULL_OBJECT upload a part without any checksum gets one computed here, as AWS does.
 */
@ApplicationScoped
public class UploadPartHandler implements S3Handler<UploadPart> {
    /** S3's largest part: 5 GiB. */
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private final ObjectStore store;

    public UploadPartHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(UploadPart op, S3Request request) throws IOException {
        RequestHead head = request.head();
        long length = request.verified().decodedContentLength(head);
        if (length < 0) {
            throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
        }
        if (length > MAX_PART_SIZE) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE)
                    .element("ProposedSize", Long.toString(length))
                    .element("MaxSizeAllowed", Long.toString(MAX_PART_SIZE));
        }
        byte[] md5 = ContentMd5.parse(head.header(S3Headers.CONTENT_MD5));
        MultipartUpload upload = store.upload(op.bucket(), op.key(), op.uploadId());
        ChecksumAlgorithm declared = ChecksumFacts.declared(request);
        Map<String, String> uploadFacts = upload.attributes().system();
        String wanted = uploadFacts.get(ChecksumFacts.ALGORITHM);
        boolean computed = wanted != null && declared == null
                && ChecksumFacts.FULL_OBJECT.equals(ChecksumFacts.uploadType(uploadFacts));
        if (wanted != null && !computed && (declared == null || !declared.displayName().equals(wanted))) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum "
                    + "Type: " + wanted.toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + (declared == null ? "null" : declared.displayName().toLowerCase(Locale.ROOT)));
        }
        CustomerEncryption.Writing sseC = CustomerEncryption.forPart(head, uploadFacts, op.partNumber());
        InputStream body = computed ? new ChecksumFacts.Computing(request.body(),
                ChecksumAlgorithm.fromDisplayName(wanted)) : request.body();
        PartInfo part;
        if (sseC == null) {
            part = store.putPart(op.bucket(), op.key(), op.uploadId(), op.partNumber(), body, length, md5,
                    ChecksumFacts.afterBody(body));
        } else { // Content-MD5 and checksums are of the plaintext; the part is stored encrypted
            PlaintextDigest plain = new PlaintextDigest(body, md5);
            part = store.putPart(op.bucket(), op.key(), op.uploadId(), op.partNumber(), sseC.encrypt(plain.stream()),
                    length, null, plain.checkedThen(ChecksumFacts.afterBody(body)));
        }
        S3Response response = S3Response.ok().header(S3Headers.ETAG_OUT, '"' + part.etag() + '"');
        CustomerEncryption.headers(response, sseC == null ? null : sseC.key().keyMd5());
        return ChecksumFacts.headers(response, part.system(), false);
    }
}
