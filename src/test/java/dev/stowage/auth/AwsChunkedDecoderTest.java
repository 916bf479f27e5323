package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.AWS_EXAMPLE_TIME;
import static dev.stowage.auth.TestRequests.ascii;
import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.concat;
import static dev.stowage.auth.TestRequests.readAll;
import static dev.stowage.auth.TestRequests.readBody;
import static dev.stowage.auth.TestRequests.repeat;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The aws-chunked framing: unsigned trailer bodies as the SDKs send them, and everything hostile. */
class AwsChunkedDecoderTest {
    private static final byte[] DATA = repeat('a', 66560);
    private static final String DATA_CRC32 = "sK4Y7A==";

    private final RequestAuthenticator authenticator = authenticator(AWS_EXAMPLE_TIME);

    private static RequestHead unsignedTrailer(String decodedLength, String trailer) {
        TestRequests.Builder b = request("PUT", "/bucket/key").pathStyle("bucket", "key")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("Content-Encoding", "aws-chunked");
        if (decodedLength != null) {
            b.header("x-amz-decoded-content-length", decodedLength);
        }
        if (trailer != null) {
            b.header("x-amz-trailer", trailer);
        }
        return b.build();
    }

    private byte[] decode(RequestHead head, byte[] body) {
        return readBody(authenticator.authenticate(head), head, body);
    }

    @Test
    void anonymousUnsignedTrailerBody_isDecodedAndItsCrc32Verified() {
        RequestHead head = unsignedTrailer("66560", "x-amz-checksum-crc32");
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = ChunkedBodies.unsigned(DATA, 8192, "x-amz-checksum-crc32:" + DATA_CRC32);

        assertEquals(Principal.ANONYMOUS, verified.principal());
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, verified.payloadMode());
        assertArrayEquals(DATA, readBody(verified, head, body));
    }

    @Test
    void everyTrailerChecksumAlgorithm_isVerified() {
        String[][] cases = {
            {"x-amz-checksum-crc32", "sK4Y7A==", "CRC32"},
            {"x-amz-checksum-crc32c", "sOO8/Q==", "CRC32C"},
            {"x-amz-checksum-crc64nvme", "pRf+emrnL+A=", "CRC64NVME"},
            {"x-amz-checksum-sha1", "qOlv5ixdz2jRNhlSLmgH6iaTKRI=", "SHA1"},
            {"x-amz-checksum-sha256", "zWnTiHxq+SZLEA17dgIzEzXZqn4718MM3G1vS/uzyIg=", "SHA256"},
        };
        for (String[] c : cases) {
            RequestHead head = unsignedTrailer("66560", c[0]);
            assertArrayEquals(DATA, decode(head, ChunkedBodies.unsigned(DATA, 65536, c[0] + ":" + c[1])), c[0]);

            byte[] flipped = java.util.Base64.getDecoder().decode(c[1]);
            flipped[0] ^= 1;
            byte[] wrong = ChunkedBodies.unsigned(DATA, 65536,
                    c[0] + ":" + java.util.Base64.getEncoder().encodeToString(flipped));
            S3Exception e = assertS3Error(S3ErrorCode.BAD_DIGEST, () -> decode(head, wrong));
            assertEquals("The " + c[2] + " you specified did not match the calculated checksum.", e.getMessage());
        }
    }

    @Test
    void badTrailerChecksum_isBadDigestBeforeTheLastByteIsReturned() throws Exception {
        RequestHead head = unsignedTrailer("66560", "x-amz-checksum-crc32");
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = ChunkedBodies.unsigned(DATA, 65536, "x-amz-checksum-crc32:AAAAAA==");
        InputStream in = verified.body(new ByteArrayInputStream(body), head);

        assertEquals(65536, in.readNBytes(new byte[65536], 0, 65536));
        // A store that reads exactly the decoded length, never asking for EOF, still gets the verdict.
        assertS3Error(S3ErrorCode.BAD_DIGEST, () -> in.readNBytes(new byte[1024], 0, 1024));
    }

    @Test
    void trailerOtherThanAnnounced_isInvalidRequest() {
        RequestHead head = unsignedTrailer("66560", "x-amz-checksum-crc32");
        byte[] body = ChunkedBodies.unsigned(DATA, 65536, "x-amz-checksum-crc32c:sOO8/Q==");

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> decode(head, body));
    }

    @Test
    void announcedTrailerNeverSent_isIncompleteBody() {
        RequestHead head = unsignedTrailer("66560", "x-amz-checksum-crc32");

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> decode(head, ChunkedBodies.unsigned(DATA, 65536)));
    }

    @Test
    void unsupportedTrailerAnnounced_isInvalidRequest() {
        assertS3Error(S3ErrorCode.INVALID_REQUEST,
                () -> authenticator.authenticate(unsignedTrailer("1", "x-amz-meta-foo")));
    }

    @Test
    void malformedTrailerChecksumValue_isInvalidRequest() {
        RequestHead head = unsignedTrailer("66560", "x-amz-checksum-crc32");

        assertS3Error(S3ErrorCode.INVALID_REQUEST,
                () -> decode(head, ChunkedBodies.unsigned(DATA, 65536, "x-amz-checksum-crc32:not base64!")));
    }

    @Test
    void decodedLengthOtherThanDeclared_isIncompleteBody() {
        assertS3Error(S3ErrorCode.INCOMPLETE_BODY,
                () -> decode(unsignedTrailer("66561", null), ChunkedBodies.unsigned(DATA, 65536)));
        assertS3Error(S3ErrorCode.INCOMPLETE_BODY,
                () -> decode(unsignedTrailer("66559", null), ChunkedBodies.unsigned(DATA, 65536)));
    }

    @Test
    void hugeChunkSizeField_isRejectedWithoutAllocating() {
        // 16 hex digits with the top bit set would be negative; 17 digits overflow the field.
        for (String size : new String[] {"ffffffffffffffff", "10000000000000000", "-1", "", "zz", "0x10"}) {
            RequestHead head = unsignedTrailer(null, null);
            S3Exception e = assertS3Error(S3ErrorCode.INVALID_REQUEST,
                    () -> decode(head, ascii(size + "\r\nabc\r\n0\r\n\r\n")));
            assertTrue(e.getMessage().contains("chunk header"), size);
        }
    }

    @Test
    void largestChunkSizeWithShortData_isIncompleteBody() {
        RequestHead head = unsignedTrailer(null, null);

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> decode(head, ascii("7fffffffffffffff\r\nabc")));
    }

    @Test
    void chunkLargerThanDeclaredDecodedLength_isRejectedAtItsHeader() {
        RequestHead head = unsignedTrailer("3", null);

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> decode(head, ascii("7fffffffffffffff\r\nabc")));
    }

    @Test
    void overlongChunkHeaderLine_isInvalidRequest() {
        RequestHead head = unsignedTrailer(null, null);
        byte[] body = concat(ascii("3;"), repeat('x', 5000), ascii("\r\nabc\r\n0\r\n\r\n"));

        S3Exception e = assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> decode(head, body));
        assertTrue(e.getMessage().contains("longer than 4096"), e.getMessage());
    }

    @Test
    void endlessLineWithoutNewline_failsAfterTheLineLimit() {
        RequestHead head = unsignedTrailer(null, null);
        VerifiedRequest verified = authenticator.authenticate(head);
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return '1';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) '1');
                served[0] += len;
                return len;
            }
        };

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> readAll(verified.body(endless, head)));
        assertTrue(served[0] <= 64 * 1024, "read " + served[0] + " bytes");
    }

    @Test
    void overlongTrailerLine_isInvalidRequest() {
        RequestHead head = unsignedTrailer("3", "x-amz-checksum-crc32");
        byte[] body = ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:" + "A".repeat(5000) + "\r\n\r\n");

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> decode(head, body));
    }

    @Test
    void bareLineFeed_isInvalidRequest() {
        RequestHead head = unsignedTrailer("3", null);

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> decode(head, ascii("3\nabc\r\n0\r\n\r\n")));
    }

    @Test
    void chunkDataLongerThanItsSize_isIncompleteBody() {
        RequestHead head = unsignedTrailer(null, null);

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> decode(head, ascii("3\r\nabcd\r\n0\r\n\r\n")));
    }

    @Test
    void bodyEndingAfterTheFinalChunkHeader_isIncompleteWhenATrailerWasAnnounced() {
        RequestHead head = unsignedTrailer("3", "x-amz-checksum-crc32");

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> decode(head, ascii("3\r\nabc\r\n0\r\n")));
    }

    @Test
    void emptyBody_decodesToNothing() {
        RequestHead head = unsignedTrailer("0", "x-amz-checksum-crc32");

        assertArrayEquals(new byte[0], decode(head, ascii("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")));
    }

    @Test
    void signedChunksWithoutSignatureExtension_areInvalidRequest() {
        RequestHead head = SignedChunkedUploadTest.chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = ascii("10000\r\n" + "a".repeat(65536) + "\r\n");

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> readBody(verified, head, body));
    }

    @Test
    void signedStreamingRoundTrip_withOwnSignerAndCrc32Trailer_decodes() throws Exception {
        byte[] data = "The quick brown fox jumps over the lazy dog".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        String crc = java.util.Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(4).putInt((int) crc32(data)).array());
        ChunkSigner signer = new ChunkSigner(SigV4.signingKey(TestRequests.SECRET, "20130524", "us-east-1", "s3"),
                "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", "00".repeat(32));
        byte[] body = ChunkedBodies.signed(signer, data, 65536, "x-amz-checksum-crc32:" + crc);
        VerifiedRequest verified = new VerifiedRequest(Principal.ANONYMOUS, PayloadMode.STREAMING_SIGNED_TRAILER,
                signer, null, null, ChecksumAlgorithm.CRC32);
        RequestHead head = request("PUT", "/b/k").header("x-amz-decoded-content-length", "" + data.length).build();

        assertArrayEquals(data, readBody(verified, head, body));
        String tampered = new String(body, StandardCharsets.ISO_8859_1).replace("x-amz-checksum-crc32:" + crc,
                "x-amz-checksum-crc32:AAAAAA==");
        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> readBody(verified, head, ascii(tampered)));
    }

    private static long crc32(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
