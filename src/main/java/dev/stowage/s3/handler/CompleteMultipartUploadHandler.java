package dev.stowage.s3.handler;

import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.auth.CrcCombine;
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
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PartInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CompleteMultipartUpload: the named parts become the object (the store checks order, ETags and sizes), with where
 * the parts lie (for {@code ?partNumber} reads) and, when the upload was created with a checksum algorithm, its
 * checksum: COMPOSITE (every part in the request must carry its checksum, equal to the one stored with the part)
 * or FULL_OBJECT (the parts' CRCs combined; part checksums in the request optional). A whole-object checksum in
 * the request's {@code x-amz-checksum-<alg>} header must match (BadDigest), and so must the parts' total size a
 * {@code x-amz-mp-object-size} header names (InvalidRequest).
 */
@ApplicationScoped
public class CompleteMultipartUploadHandler implements S3Handler<CompleteMultipartUpload> {
    private static final String MP_OBJECT_SIZE = "x-amz-mp-object-size";
    private static final int MAX_PARTS = 10_000;

    private final ObjectStore store;
    private final StowageConfig config;

    public CompleteMultipartUploadHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(CompleteMultipartUpload op, S3Request request) throws IOException {
        Map<String, String> uploadFacts;
        try {
            uploadFacts = store.upload(op.bucket(), op.key(), op.uploadId()).attributes().system();
        } catch (NoSuchUploadException e) {
            uploadFacts = Map.of(); // the store still answers a completion it has just made, as AWS does
        }
        byte[] body = XmlRequestReader.readBody(request, Math.max(config.requests().maxXmlBody(), 4 * 1024 * 1024));
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        XmlRequestReader.Items doc = XmlRequestReader.parseItems(body, "CompleteMultipartUpload", "Part");
        if (doc.items().isEmpty() || doc.items().size() > MAX_PARTS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        String wanted = uploadFacts.get(ChecksumFacts.ALGORITHM);
        ChecksumAlgorithm algorithm = wanted == null ? null : ChecksumAlgorithm.fromDisplayName(wanted);
        boolean fullObject = ChecksumFacts.FULL_OBJECT.equals(ChecksumFacts.uploadType(uploadFacts));
        checkChecksumType(request.head().header(S3Headers.X_AMZ_CHECKSUM_TYPE), ChecksumFacts.uploadType(uploadFacts));
        List<CompletedPart> parts = new ArrayList<>(doc.items().size());
        List<String> checksums = new ArrayList<>(doc.items().size());
        for (Map<String, String> item : doc.items()) {
            int number = partNumber(item.get("PartNumber"));
            String etag = unquote(item.get("ETag"));
            parts.add(new CompletedPart(number, etag));
            if (algorithm != null) {
                String checksum = item.get("Checksum" + algorithm.displayName());
                if ((checksum == null || checksum.isBlank()) && !fullObject) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The upload was created using a "
                            + algorithm.displayName().toLowerCase(Locale.ROOT) + " checksum. The complete request must "
                            + "include the checksum for each part. It was missing for part " + number
                            + " in the request.");
                }
                checksums.add(checksum == null || checksum.isBlank() ? null : checksum.trim());
            }
        }
        WholeChecksum whole = WholeChecksum.of(request, algorithm);
        Long objectSize = objectSize(request.head().header(MP_OBJECT_SIZE));
        Map<String, String> creationFacts = uploadFacts;
        ObjectInfo info = store.completeUpload(op.bucket(), op.key(), op.uploadId(), parts, chosen -> {
            requireObjectSize(objectSize, chosen);
            return withPartNumbers(completionFacts(op.uploadId(), algorithm, fullObject, chosen, checksums, whole),
                    creationFacts, chosen);
        }, WriteConditions.of(request.head()));
        XmlWriter xml = new XmlWriter().openRoot("CompleteMultipartUploadResult")
                .element("Location", location(request, op))
                .element("Bucket", op.bucket())
                .element("Key", op.key())
                .element("ETag", '"' + info.etag() + '"');
        ChecksumFacts.xml(xml, info.attributes().system(), true);
        S3Response response = ObjectResponses.expiration(
                S3Response.xml(200, xml.close("CompleteMultipartUploadResult").toBytes()), request, info);
        return CustomerEncryption.headers(response, CustomerEncryption.keyMd5(info.attributes().system()));
    }

    /** {@code x-amz-mp-object-size}, the size the client expects the object to have; null without the header. */
    private static Long objectSize(String header) {
        if (header == null) {
            return null;
        }
        long size;
        try {
            size = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for " + MP_OBJECT_SIZE + " header is invalid.");
        }
        if (size < 0) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "Value for " + MP_OBJECT_SIZE + " header is less than zero: '" + header.trim() + "'");
        }
        return size;
    }

    /** 400 InvalidRequest, before anything is written, when the chosen parts do not add up to the expected size. */
    private static void requireObjectSize(Long expected, List<PartInfo> chosen) {
        if (expected == null) {
            return;
        }
        long total = chosen.stream().mapToLong(PartInfo::size).sum();
        if (total != expected) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The provided '" + MP_OBJECT_SIZE + "' header value \""
                    + expected + "\" does not match what was computed: \"" + total + "\"");
        }
    }

    /** {@code facts} and, for an upload made with a customer key, the chosen parts' numbers (each has its own IV). */
    private static Map<String, String> withPartNumbers(Map<String, String> facts, Map<String, String> uploadFacts,
            List<PartInfo> chosen) {
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.putAll(CustomerEncryption.completionFacts(uploadFacts, chosen.stream().map(PartInfo::partNumber).toList()));
        return all;
    }

    /**
     * The object's facts from its parts: where they lie ({@link PartLayout}) and, for an upload with a checksum
     * algorithm, its COMPOSITE or FULL_OBJECT checksum, after checking each part's checksum named in the request
     * against the stored one (InvalidPart) and the whole-object checksum of the request's header (BadDigest).
     */
    private static Map<String, String> completionFacts(String uploadId, ChecksumAlgorithm algorithm,
            boolean fullObject, List<PartInfo> chosen, List<String> requested, WholeChecksum whole) {
        Map<String, String> facts = new LinkedHashMap<>(PartLayout.fact(chosen));
        ChecksumAlgorithm used = algorithm != null ? algorithm : whole == null ? null : whole.algorithm();
        if (used == null) {
            return facts;
        }
        String fact = ChecksumFacts.factName(used);
        List<String> stored = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            PartInfo part = chosen.get(i);
            String have = part.system().get(fact);
            String want = algorithm == null ? null : requested.get(i);
            if (have == null && algorithm == null) {
                return facts; // no algorithm asked for at creation, and the parts cannot tell: nothing to check
            }
            if (have == null || (want != null && !have.equals(want))) {
                throw new InvalidPartException(uploadId, part.partNumber(), part.etag());
            }
            stored.add(have);
        }
        boolean full = algorithm == null ? CrcCombine.combines(used) : fullObject;
        if (algorithm == null && !full) {
            return facts; // a digest of parts of an upload without an algorithm: no checksum of the object
        }
        String value = full ? ChecksumFacts.fullObject(used, stored, chosen.stream().map(PartInfo::size).toList())
                : ChecksumFacts.composite(used, stored);
        if (whole != null) {
            whole.check(value, full, chosen.size());
        }
        facts.put(fact, value);
        facts.put(ChecksumFacts.TYPE, full ? ChecksumFacts.FULL_OBJECT : ChecksumFacts.COMPOSITE);
        return facts;
    }

    /**
     * The whole object's checksum a CompleteMultipartUpload request may carry in {@code x-amz-checksum-<alg>}: a
     * FULL_OBJECT value, or a COMPOSITE one with or without its {@code -N}.
     */
    private record WholeChecksum(ChecksumAlgorithm algorithm, String header, String value, Integer partCount) {
        /** The request's, checked for form and for the upload's algorithm; null when it sends none. */
        static WholeChecksum of(S3Request request, ChecksumAlgorithm uploadAlgorithm) {
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                String raw = request.head().header(a.headerName());
                if (raw == null) {
                    continue;
                }
                if (uploadAlgorithm != null && a != uploadAlgorithm) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum Type mismatch occurred, expected "
                            + "checksum Type: " + uploadAlgorithm.displayName().toLowerCase(Locale.ROOT)
                            + ", actual checksum Type: " + a.displayName().toLowerCase(Locale.ROOT));
                }
                String value = raw.trim();
                Integer count = null;
                int dash = value.lastIndexOf('-');
                if (dash >= 0) {
                    try {
                        count = Integer.parseInt(value.substring(dash + 1));
                    } catch (NumberFormatException e) {
                        throw invalid(a);
                    }
                    value = value.substring(0, dash);
                }
                try {
                    if (Base64.getDecoder().decode(value).length != a.length()) {
                        throw invalid(a);
                    }
                } catch (IllegalArgumentException e) {
                    throw invalid(a);
                }
                return new WholeChecksum(a, a.headerName(), value, count);
            }
            return null;
        }

        void check(String computed, boolean full, int parts) {
            if (full && partCount != null) {
                throw invalid(algorithm);
            }
            String computedValue = full ? computed : computed.substring(0, computed.lastIndexOf('-'));
            if (!computedValue.equals(value) || (partCount != null && partCount != parts)) {
                throw new S3Exception(S3ErrorCode.BAD_DIGEST, "The " + algorithm.displayName().toLowerCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
        }

        private static S3Exception invalid(ChecksumAlgorithm a) {
            return new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for " + a.headerName() + " header is invalid.");
        }
    }

    private static int partNumber(String value) {
        int number;
        try {
            number = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        if (number < 1) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "PartNumber must be >= 1")
                    .element("ArgumentName", "PartNumber")
                    .element("ArgumentValue", value.trim());
        }
        return number;
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

    /**
     * A completion that names a checksum type ({@code x-amz-checksum-type}) must name the upload's: switching between
     * COMPOSITE and FULL_OBJECT at completion is BadDigest, as AWS documents. Not naming one keeps the upload's.
     */
    private static void checkChecksumType(String named, String uploadType) {
        if (named == null || named.isBlank() || uploadType == null) {
            return;
        }
        if (!named.trim().equalsIgnoreCase(uploadType)) {
            throw new S3Exception(S3ErrorCode.BAD_DIGEST, "The checksum type you specified ("
                    + named.trim().toUpperCase(Locale.ROOT) + ") does not match the checksum type of the multipart "
                    + "upload (" + uploadType + ").");
        }
    }
}
