package dev.stowage.s3.handler;

import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CompleteMultipartUpload;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.CompletedPart;
import dev.stowage.store.InvalidPartException;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PartInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CompleteMultipartUpload: the named parts become the object (the store checks order, ETags and sizes), with the
 * composite checksum when the upload was created with a checksum algorithm: then every part in the request must
 * carry its checksum, equal to the one stored with the part.
 */
@ApplicationScoped
public class CompleteMultipartUploadHandler implements S3Handler<CompleteMultipartUpload> {
    private static final int MAX_PARTS = 10_000;

    private final ObjectStore store;
    private final StowageConfig config;

    public CompleteMultipartUploadHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(CompleteMultipartUpload op, S3Request request) throws IOException {
        MultipartUpload upload = store.upload(op.bucket(), op.key(), op.uploadId());
        byte[] body = XmlRequestReader.readBody(request, Math.max(config.requests().maxXmlBody(), 4 * 1024 * 1024));
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        XmlRequestReader.Items doc = XmlRequestReader.parseItems(body, "CompleteMultipartUpload", "Part");
        if (doc.items().isEmpty() || doc.items().size() > MAX_PARTS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        String wanted = upload.attributes().system().get(ChecksumFacts.ALGORITHM);
        ChecksumAlgorithm algorithm = wanted == null ? null : ChecksumAlgorithm.fromDisplayName(wanted);
        List<CompletedPart> parts = new ArrayList<>(doc.items().size());
        List<String> checksums = new ArrayList<>(doc.items().size());
        for (Map<String, String> item : doc.items()) {
            int number = partNumber(item.get("PartNumber"));
            String etag = unquote(item.get("ETag"));
            parts.add(new CompletedPart(number, etag));
            if (algorithm != null) {
                String checksum = item.get("Checksum" + algorithm.displayName());
                if (checksum == null || checksum.isBlank()) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The upload was created using a "
                            + algorithm.displayName().toLowerCase(Locale.ROOT) + " checksum. The complete request must "
                            + "include the checksum for each part. It was missing for part " + number
                            + " in the request.");
                }
                checksums.add(checksum.trim());
            }
        }
        ObjectInfo info = store.completeUpload(op.bucket(), op.key(), op.uploadId(), parts,
                chosen -> compositeChecksum(op.uploadId(), algorithm, chosen, checksums));
        XmlWriter xml = new XmlWriter().openRoot("CompleteMultipartUploadResult")
                .element("Location", location(request, op))
                .element("Bucket", op.bucket())
                .element("Key", op.key())
                .element("ETag", '"' + info.etag() + '"');
        ChecksumFacts.xml(xml, info.attributes().system(), true);
        return S3Response.xml(200, xml.close("CompleteMultipartUploadResult").toBytes());
    }

    /** The composite checksum facts, after checking each part's checksum in the request against the stored one. */
    private static Map<String, String> compositeChecksum(String uploadId, ChecksumAlgorithm algorithm,
            List<PartInfo> chosen, List<String> requested) {
        if (algorithm == null) {
            return Map.of();
        }
        String fact = ChecksumFacts.factName(algorithm);
        List<String> stored = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            PartInfo part = chosen.get(i);
            String have = part.system().get(fact);
            if (have == null || !have.equals(requested.get(i))) {
                throw new InvalidPartException(uploadId, part.partNumber(), part.etag());
            }
            stored.add(have);
        }
        return Map.of(fact, ChecksumFacts.composite(algorithm, stored), ChecksumFacts.TYPE, ChecksumFacts.COMPOSITE);
    }

    private static int partNumber(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
    }

    private static String unquote(String etag) {
        if (etag == null) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /** The object's URL as the client addressed the gateway. */
    private static String location(S3Request request, CompleteMultipartUpload op) {
        String host = request.head().header(S3Headers.HOST);
        return "http://" + (host == null ? "localhost" : host) + "/" + op.bucket() + "/"
                + ListingXml.encode(op.key(), true);
    }
}
