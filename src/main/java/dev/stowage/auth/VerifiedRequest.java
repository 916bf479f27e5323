package dev.stowage.auth;

import dev.stowage.http.RequestHead;
import java.io.InputStream;

/**
 * Proof that a request's signature was verified (or that it carries none): who sent it, how its body is protected,
 * and what is needed to verify the body as it is read.
 *
 * @param principal who sent the request; {@link Principal#ANONYMOUS} when unsigned
 * @param payloadMode how the body is protected
 * @param chunkSigner the seed for aws-chunked chunk signatures; null unless SigV4 signed streaming
 * @param contentSha256 the declared hex SHA-256 of the body for {@link PayloadMode#SIGNED_SHA256}, else null
 * @param checksum the {@code x-amz-checksum-<alg>} header to verify against the body, or null
 * @param trailerChecksum the checksum announced in {@code x-amz-trailer} for trailer modes, or null
 */
public record VerifiedRequest(
        Principal principal,
        PayloadMode payloadMode,
        ChunkSigner chunkSigner,
        String contentSha256,
        ExpectedChecksum checksum,
        ChecksumAlgorithm trailerChecksum) {

    /** An unsigned request without anything to verify in its body. */
    public static VerifiedRequest anonymous() {
        return new VerifiedRequest(Principal.ANONYMOUS, PayloadMode.UNSIGNED, null, null, null, null);
    }

    /**
     * Wraps the raw request body: decodes aws-chunked when the mode says so, verifies chunk signatures, the
     * whole-body SHA-256, the trailer checksum and the {@code x-amz-checksum-*} header. Failures are thrown as
     * {@link dev.stowage.s3.error.S3Exception} from {@code read()} where detected, at the latest when the end of
     * the body is reached (or, with a known length, before its last bytes are returned).
     */
    public InputStream body(InputStream raw, RequestHead head) {
        long length = decodedContentLength(head);
        if (ContentSha256.isStreaming(payloadMode)) {
            PayloadVerifier verifier = new PayloadVerifier(null, checksum, trailerChecksum);
            return new AwsChunkedDecoder(raw, payloadMode, chunkSigner, verifier, trailerChecksum, length);
        }
        String sha256 = payloadMode == PayloadMode.SIGNED_SHA256 ? contentSha256 : null;
        PayloadVerifier verifier = new PayloadVerifier(sha256, checksum, null);
        return verifier.isEmpty() ? raw : new VerifyingInputStream(raw, verifier, length);
    }

    /**
     * The length of the decoded body: x-amz-decoded-content-length for aws-chunked, else Content-Length; -1 when
     * unknown.
     */
    public long decodedContentLength(RequestHead head) {
        String header = ContentSha256.isStreaming(payloadMode) ? AuthNames.X_AMZ_DECODED_CONTENT_LENGTH
                : AuthNames.CONTENT_LENGTH;
        return parseLength(head.header(header));
    }

    /** A non-negative decimal length, or -1. */
    static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        String text = value.trim();
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * The checksum (header or trailer) verified against a body returned by {@link #body} once it has been read to
     * its end; null when the client declared none.
     */
    public static ExpectedChecksum verifiedChecksum(InputStream body) {
        return body instanceof ChecksummedBody c ? c.verifiedChecksum() : null;
    }
}
