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

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * aws-chunked uploads with chunk signatures, against AWS's examples: "Transferring Payload in Multiple Chunks"
 * and "Including Trailing Headers" (66560 bytes of 'a' in chunks of 65536 and 1024).
 */
class SignedChunkedUploadTest {
    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final String CHUNK1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    private static final String CHUNK2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    private static final String CHUNK3 = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    private static final String TRAILER_SEED = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
    private static final String TRAILER_CHUNK1 = "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2";
    private static final String TRAILER_CHUNK2 = "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7";
    private static final String TRAILER_CHUNK3 = "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992";
    private static final String TRAILER_SIGNATURE = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";

    private static final byte[] DATA = repeat('a', 66560);

    private final RequestAuthenticator authenticator = authenticator(AWS_EXAMPLE_TIME);

    static RequestHead chunkedExample() {
        return request("PUT", "/examplebucket/chunkObject.txt").pathStyle("examplebucket", "chunkObject.txt")
                .header("Host", "s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", "66560")
                .header("Content-Length", "66824")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=" + SEED)
                .build();
    }

    static byte[] chunkedExampleBody(String first, String second, String last) {
        return concat(
                ascii("10000;chunk-signature=" + first + "\r\n"), repeat('a', 65536), ascii("\r\n"),
                ascii("400;chunk-signature=" + second + "\r\n"), repeat('a', 1024), ascii("\r\n"),
                ascii("0;chunk-signature=" + last + "\r\n\r\n"));
    }

    private static RequestHead trailerExample() {
        return request("PUT", "/examplebucket/chunkObject.txt").pathStyle("examplebucket", "chunkObject.txt")
                .header("Host", "s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", "66560")
                .header("x-amz-trailer", "x-amz-checksum-crc32c")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,Signature=" + TRAILER_SEED)
                .build();
    }

    private static byte[] trailerExampleBody(String checksum, String trailerSignature) {
        return concat(
                ascii("10000;chunk-signature=" + TRAILER_CHUNK1 + "\r\n"), repeat('a', 65536), ascii("\r\n"),
                ascii("400;chunk-signature=" + TRAILER_CHUNK2 + "\r\n"), repeat('a', 1024), ascii("\r\n"),
                ascii("0;chunk-signature=" + TRAILER_CHUNK3 + "\r\n"),
                ascii("x-amz-checksum-crc32c:" + checksum + "\r\n"),
                ascii("x-amz-trailer-signature:" + trailerSignature + "\r\n\r\n"));
    }

    @Test
    void putObject_awsChunkedExample_seedAndEveryChunkSignatureMatch() {
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = chunkedExampleBody(CHUNK1, CHUNK2, CHUNK3);

        assertEquals(PayloadMode.STREAMING_SIGNED, verified.payloadMode());
        assertEquals(SEED, verified.chunkSigner().seedSignature());
        assertEquals(66824, body.length);
        assertEquals(66560, verified.decodedContentLength(head));
        assertArrayEquals(DATA, readBody(verified, head, body));
    }

    @Test
    void putObject_awsChunkedExampleReadByteByByte_decodesTheSame() throws Exception {
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        InputStream in = verified.body(new OneByteAtATime(chunkedExampleBody(CHUNK1, CHUNK2, CHUNK3)), head);
        byte[] out = new byte[DATA.length];
        int n = 0;
        int c;
        while ((c = in.read()) >= 0) {
            out[n++] = (byte) c;
        }
        assertEquals(DATA.length, n);
        assertArrayEquals(DATA, out);
    }

    @Test
    void forgedSecondChunkSignature_isSignatureDoesNotMatch() {
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        String forged = CHUNK2.substring(0, 63) + "8";

        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> readBody(verified, head, chunkedExampleBody(CHUNK1, forged, CHUNK3)));
    }

    @Test
    void alteredChunkData_isSignatureDoesNotMatchBeforeTheChunkIsHandedOut() throws Exception {
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = chunkedExampleBody(CHUNK1, CHUNK2, CHUNK3);
        body[1000] = 'b';
        InputStream in = verified.body(new ByteArrayInputStream(body), head);
        byte[] buffer = new byte[65535];

        assertEquals(65535, in.readNBytes(buffer, 0, 65535));
        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> in.read());
        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> in.read()); // and stays failed
    }

    @Test
    void chunksReplayedUnderAnotherSeed_areRejected() {
        // Same body, request signature of the trailer example: the chain does not start from this seed.
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = chunkedExampleBody(TRAILER_CHUNK1, CHUNK2, CHUNK3);

        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> readBody(verified, head, body));
    }

    @Test
    void truncatedChunkedBody_isIncompleteBody() {
        RequestHead head = chunkedExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = chunkedExampleBody(CHUNK1, CHUNK2, CHUNK3);

        for (int cut : new int[] {0, 10, 100, 65536, 66000, body.length - 90}) {
            byte[] truncated = Arrays.copyOf(body, cut);
            assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> readBody(verified, head, truncated));
        }
    }

    @Test
    void putObject_awsTrailerExample_chunksTrailerSignatureAndCrc32cMatch() {
        RequestHead head = trailerExample();
        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, verified.payloadMode());
        assertEquals(ChecksumAlgorithm.CRC32C, verified.trailerChecksum());
        assertArrayEquals(DATA, readBody(verified, head, trailerExampleBody("sOO8/Q==", TRAILER_SIGNATURE)));
    }

    @Test
    void trailerExampleWithBlankLineBeforeTrailers_isAccepted() {
        // AWS's documentation shows an empty line between the final chunk and the trailer; accept that too.
        RequestHead head = trailerExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = trailerExampleBody("sOO8/Q==", TRAILER_SIGNATURE);
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace(TRAILER_CHUNK3 + "\r\n", TRAILER_CHUNK3 + "\r\n\r\n");

        assertArrayEquals(DATA, readBody(verified, head, ascii(text)));
    }

    @Test
    void trailerChecksumChangedAfterSigning_isSignatureDoesNotMatch() {
        RequestHead head = trailerExample();
        VerifiedRequest verified = authenticator.authenticate(head);

        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> readBody(verified, head, trailerExampleBody("AAAAAA==", TRAILER_SIGNATURE)));
    }

    @Test
    void missingTrailerSignature_isIncompleteBody() {
        RequestHead head = trailerExample();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = trailerExampleBody("sOO8/Q==", TRAILER_SIGNATURE);
        byte[] withoutSignature = Arrays.copyOf(body, body.length - ("x-amz-trailer-signature:" + TRAILER_SIGNATURE
                + "\r\n\r\n").length());

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY, () -> readBody(verified, head, withoutSignature));
    }

    /** A stream that hands out one byte per read, like a slow socket. */
    static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int pos;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }

    @Test
    void slowStream_decodesTheWholeExample() {
        RequestHead head = trailerExample();
        VerifiedRequest verified = authenticator.authenticate(head);

        assertArrayEquals(DATA, readAll(verified.body(
                new OneByteAtATime(trailerExampleBody("sOO8/Q==", TRAILER_SIGNATURE)), head)));
    }
}
