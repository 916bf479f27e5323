package dev.stowage.s3.handler;

import dev.stowage.auth.ChecksumAlgorithm;
import dev.stowage.auth.CrcCombine;
import dev.stowage.auth.ExpectedChecksum;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The additional checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) as system facts of objects, parts and
 * uploads ({@link dev.stowage.store.ObjectAttributes#system()}):
 *
 * <ul>
 *   <li>{@code checksum-<alg>} (e.g. {@code checksum-crc32}): base64 of the checksum, verified as the body came in;
 *       for a multipart object the composite {@code base64(checksum of the part checksums)-N}
 *   <li>{@code checksum-type}: {@code FULL_OBJECT} or {@code COMPOSITE}
 *   <li>{@code checksum-algorithm} (uploads): the algorithm named at CreateMultipartUpload, e.g. {@code CRC32}
 *   <li>{@code checksum-type} (uploads): the type of checksum their object gets; absent on uploads made before
 *       full-object multipart checksums, which are {@code COMPOSITE}
 * </ul>
 *
 * The checksum classes themselves are those authentication verifies bodies with ({@link ChecksumAlgorithm}).
 */
final class ChecksumFacts {
    static final String TYPE = "checksum-type";
    static final String ALGORITHM = "checksum-algorithm";
    static final String FULL_OBJECT = "FULL_OBJECT";
    static final String COMPOSITE = "COMPOSITE";
    private static final String PREFIX = "checksum-";

    private ChecksumFacts() {}

    /** A stored checksum: algorithm, value as sent on the wire, type. */
    record Stored(ChecksumAlgorithm algorithm, String value, String type) {
        /** {@code ChecksumCRC32} and so on, the element name in XML responses. */
        String xmlName() {
            return "Checksum" + algorithm.displayName();
        }
    }

    static String factName(ChecksumAlgorithm algorithm) {
        return PREFIX + algorithm.displayName().toLowerCase(Locale.ROOT);
    }

    /** The checksum among these facts, or null. */
    static Stored stored(Map<String, String> system) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String value = system.get(factName(a));
            if (value != null) {
                return new Stored(a, value, system.getOrDefault(TYPE, FULL_OBJECT));
            }
        }
        return null;
    }

    /**
     * The checksum a request declares for its body (header, or trailer announced in {@code x-amz-trailer}), null
     * when none. {@code x-amz-sdk-checksum-algorithm} without either is refused, as AWS does.
     */
    static ChecksumAlgorithm declared(S3Request request) {
        VerifiedRequest v = request.verified();
        ChecksumAlgorithm algorithm = v.checksum() != null ? v.checksum().algorithm() : v.trailerChecksum();
        String sdk = request.head().header(S3Headers.X_AMZ_SDK_CHECKSUM_ALGORITHM);
        if (sdk != null && algorithm == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no "
                    + "corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
        }
        if (sdk != null && !sdk.trim().equalsIgnoreCase(algorithm.displayName())) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
        return algorithm;
    }

    /** The facts to keep once {@code body} (from {@link S3Request#body()}) has been read: the checksum it matched. */
    static Supplier<Map<String, String>> afterBody(InputStream body) {
        if (body instanceof Computing computing) {
            return computing::facts;
        }
        return () -> {
            ExpectedChecksum c = VerifiedRequest.verifiedChecksum(body);
            return c == null ? Map.of() : Map.of(factName(c.algorithm()), c.base64(), TYPE, FULL_OBJECT);
        };
    }

    /** The algorithm named by {@code x-amz-checksum-algorithm} at CreateMultipartUpload, or null. */
    static ChecksumAlgorithm requestedAlgorithm(RequestHead head) {
        String name = head.header(S3Headers.X_AMZ_CHECKSUM_ALGORITHM);
        if (name == null) {
            return null;
        }
        ChecksumAlgorithm a = ChecksumAlgorithm.fromDisplayName(name);
        if (a == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please "
                    + "try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        return a;
    }

    /**
     * The checksum type named by {@code x-amz-checksum-type} at CreateMultipartUpload, checked against the
     * algorithm as AWS checks it; without the header CRC64NVME means FULL_OBJECT and the others COMPOSITE. Null
     * when the upload asks for no checksum.
     */
    static String requestedType(RequestHead head, ChecksumAlgorithm algorithm) {
        String type = head.header(S3Headers.X_AMZ_CHECKSUM_TYPE);
        if (algorithm == null) {
            if (type != null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The x-amz-checksum-type header can only be used "
                        + "with the x-amz-checksum-algorithm header.");
            }
            return null;
        }
        if (type == null) {
            return algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE;
        }
        type = type.trim().toUpperCase(Locale.ROOT); // AWS takes "full_object" as FULL_OBJECT
        if (!type.equals(FULL_OBJECT) && !type.equals(COMPOSITE)) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
        }
        boolean allowed = type.equals(FULL_OBJECT) ? CrcCombine.combines(algorithm)
                : algorithm != ChecksumAlgorithm.CRC64NVME;
        if (!allowed) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The " + type + " checksum type cannot be used with "
                    + "the " + algorithm.displayName().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }

    /** The checksum type of an upload's object from the upload's facts; null when it has no checksum algorithm. */
    static String uploadType(Map<String, String> uploadSystem) {
        if (uploadSystem.get(ALGORITHM) == null) {
            return null;
        }
        return uploadSystem.getOrDefault(TYPE, COMPOSITE);
    }

    /** The {@code ChecksumAlgorithm} and {@code ChecksumType} elements of an upload that has an algorithm. */
    /** An object's checksum as ListObjects shows it: ChecksumAlgorithm and ChecksumType, when it has one. */
    static void listingXml(XmlWriter xml, Map<String, String> system) {
        Stored s = stored(system);
        if (s != null) {
            xml.element("ChecksumAlgorithm", s.algorithm().displayName()).element("ChecksumType", s.type());
        }
    }

    static void uploadXml(XmlWriter xml, Map<String, String> uploadSystem) {
        String type = uploadType(uploadSystem);
        if (type != null) {
            xml.element("ChecksumAlgorithm", uploadSystem.get(ALGORITHM)).element("ChecksumType", type);
        }
    }

    /**
     * A part's body that computes {@code algorithm} as it is read, for parts of a FULL_OBJECT upload sent without
     * a checksum (AWS computes theirs too: completion combines the parts' CRCs); {@link #afterBody} gives its fact.
     */
    static final class Computing extends FilterInputStream {
        private final ChecksumAlgorithm algorithm;
        private final ChecksumAlgorithm.Running running;

        Computing(InputStream in, ChecksumAlgorithm algorithm) {
            super(in);
            this.algorithm = algorithm;
            this.running = algorithm.newRunning();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                running.update(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                running.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        Map<String, String> facts() {
            return Map.of(factName(algorithm), Base64.getEncoder().encodeToString(running.finish()), TYPE,
                    FULL_OBJECT);
        }
    }

    /**
     * The full-object checksum of parts from their own CRCs (base64) and sizes, combined without their bytes
     * ({@link CrcCombine}).
     */
    static String fullObject(ChecksumAlgorithm algorithm, List<String> partChecksums, List<Long> sizes) {
        CrcCombine combiner = CrcCombine.of(algorithm);
        byte[] crc = combiner.empty();
        for (int i = 0; i < partChecksums.size(); i++) {
            crc = combiner.combine(crc, Base64.getDecoder().decode(partChecksums.get(i)), sizes.get(i));
        }
        return Base64.getEncoder().encodeToString(crc);
    }

    /** The composite checksum of parts: base64 of the checksum of their concatenated raw checksums, then -N. */
    static String composite(ChecksumAlgorithm algorithm, List<String> partChecksums) {
        ChecksumAlgorithm.Running running = algorithm.newRunning();
        for (String c : partChecksums) {
            byte[] raw = Base64.getDecoder().decode(c);
            running.update(raw, 0, raw.length);
        }
        return Base64.getEncoder().encodeToString(running.finish()) + "-" + partChecksums.size();
    }

    /** Adds {@code x-amz-checksum-<alg>} (and its type, for whole objects) when the facts hold a checksum. */
    static S3Response headers(S3Response response, Map<String, String> system, boolean withType) {
        Stored s = stored(system);
        if (s != null) {
            response.header(s.algorithm().headerName(), s.value());
            if (withType) {
                response.header(S3Headers.X_AMZ_CHECKSUM_TYPE_OUT, s.type());
            }
        }
        return response;
    }

    /** GetObject / HeadObject: the checksum headers only with {@code x-amz-checksum-mode: ENABLED}. */
    static boolean modeEnabled(RequestHead head) {
        return "ENABLED".equalsIgnoreCase(head.header(S3Headers.X_AMZ_CHECKSUM_MODE));
    }

    /** The {@code ChecksumCRC32}-style element (and {@code ChecksumType} when asked) of stored facts. */
    static void xml(XmlWriter xml, Map<String, String> system, boolean withType) {
        Stored s = stored(system);
        if (s != null) {
            xml.element(s.xmlName(), s.value());
            if (withType) {
                xml.element("ChecksumType", s.type());
            }
        }
    }
}
