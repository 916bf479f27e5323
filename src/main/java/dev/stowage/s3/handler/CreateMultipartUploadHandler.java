package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CreateMultipartUpload;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CreateMultipartUpload: the metadata and content headers given now are the object's at completion;
 * {@code x-amz-checksum-algorithm} (and {@code x-amz-checksum-type}) ask for a checksum of the object of that
 * algorithm, COMPOSITE (every part must carry one) or FULL_OBJECT (of all the bytes, combined from the parts' CRCs).
 */
@ApplicationScoped
public class CreateMultipartUploadHandler implements S3Handler<CreateMultipartUpload> {
    private final ObjectStore store;

    private final ObjectAccess access;

    public CreateMultipartUploadHandler(ObjectStore store, ObjectAccess access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public S3Response handle(CreateMultipartUpload op, S3Request request) throws IOException {
        ObjectAttributes attributes = PutObjectHandler.attributes(request.head());
        ChecksumAlgorithm algorithm = ChecksumFacts.requestedAlgorithm(request.head());
        String type = ChecksumFacts.requestedType(request.head(), algorithm);
        Map<String, String> facts = new LinkedHashMap<>(
                access.fromRequestHeaders(request.head(), request.principal(), request.bucket()));
        if (algorithm != null) {
            facts.put(ChecksumFacts.ALGORITHM, algorithm.displayName());
            facts.put(ChecksumFacts.TYPE, type);
        }
        CustomerEncryption.Writing sseC = CustomerEncryption.forWrite(request.head());
        if (sseC != null) {
            facts.putAll(sseC.facts());
        }
        attributes = attributes.withSystem(facts);
        MultipartUpload upload = store.createUpload(op.bucket(), op.key(), attributes);
        XmlWriter xml = new XmlWriter().openRoot("InitiateMultipartUploadResult")
                .element("Bucket", op.bucket())
                .element("Key", op.key())
                .element("UploadId", upload.uploadId())
                .close("InitiateMultipartUploadResult");
        S3Response response = S3Response.xml(200, xml.toBytes());
        if (algorithm != null) {
            response.header(S3Headers.X_AMZ_CHECKSUM_ALGORITHM_OUT, algorithm.displayName())
                    .header(S3Headers.X_AMZ_CHECKSUM_TYPE_OUT, type);
        }
        return CustomerEncryption.headers(response, sseC == null ? null : sseC.key().keyMd5());
    }
}
