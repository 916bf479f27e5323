package dev.stowage.auth;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;

/**
 * Digests a body as it streams by and checks it at the end against what the client declared: the whole-body
 * SHA-256 of {@code x-amz-content-sha256}, an {@code x-amz-checksum-<alg>} header, the checksum of a trailer.
 * One running checksum per algorithm, shared when header and trailer name the same one.
 */
final class PayloadVerifier {
    private final byte[] expectedSha256;
    private final ExpectedChecksum headerChecksum;
    private final Map<ChecksumAlgorithm, ChecksumAlgorithm.Running> running = new EnumMap<>(ChecksumAlgorithm.class);
    private final Map<ChecksumAlgorithm, byte[]> results = new EnumMap<>(ChecksumAlgorithm.class);
    private final ChecksumAlgorithm.Running[] active;
    private ExpectedChecksum verified;

    /**
     * @param contentSha256Hex the declared whole-body SHA-256, or null
     * @param headerChecksum the declared header checksum, or null
     * @param trailerAlgorithm the checksum announced in {@code x-amz-trailer}, or null
     */
    PayloadVerifier(String contentSha256Hex, ExpectedChecksum headerChecksum, ChecksumAlgorithm trailerAlgorithm) {
        this.expectedSha256 = contentSha256Hex == null ? null : Hex.decode(contentSha256Hex, 32);
        this.headerChecksum = headerChecksum;
        if (expectedSha256 != null) {
            running.put(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA256.newRunning());
        }
        if (headerChecksum != null) {
            running.computeIfAbsent(headerChecksum.algorithm(), ChecksumAlgorithm::newRunning);
        }
        if (trailerAlgorithm != null) {
            running.computeIfAbsent(trailerAlgorithm, ChecksumAlgorithm::newRunning);
        }
        this.active = running.values().toArray(new ChecksumAlgorithm.Running[0]);
    }

    boolean isEmpty() {
        return active.length == 0;
    }

    void update(byte[] b, int off, int len) {
        for (ChecksumAlgorithm.Running r : active) {
            r.update(b, off, len);
        }
    }

    /** Checks everything declared up front (content SHA-256, header checksum); call once, at the end. */
    void verifyDeclared() {
        if (expectedSha256 != null) {
            byte[] actual = result(ChecksumAlgorithm.SHA256);
            if (!MessageDigest.isEqual(expectedSha256, actual)) {
                throw new S3Exception(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH)
                        .element("ClientComputedContentSHA256", Hex.encode(expectedSha256))
                        .element("S3ComputedContentSHA256", Hex.encode(actual));
            }
        }
        if (headerChecksum != null) {
            verify(headerChecksum);
        }
    }

    /** The header or trailer checksum that matched the body; null before the end or when none was declared. */
    ExpectedChecksum verified() {
        return verified;
    }

    /** Checks a checksum received in a trailer (its algorithm must have been announced). */
    void verify(ExpectedChecksum expected) {
        byte[] actual = result(expected.algorithm());
        if (actual == null || !MessageDigest.isEqual(expected.bytes(), actual)) {
            throw new S3Exception(S3ErrorCode.BAD_DIGEST, "The " + expected.algorithm().displayName()
                    + " you specified did not match the calculated checksum.");
        }
        verified = expected;
    }

    private byte[] result(ChecksumAlgorithm algorithm) {
        byte[] done = results.get(algorithm);
        if (done == null) {
            ChecksumAlgorithm.Running r = running.get(algorithm);
            if (r == null) {
                return null;
            }
            done = r.finish();
            results.put(algorithm, done);
        }
        return done;
    }
}
