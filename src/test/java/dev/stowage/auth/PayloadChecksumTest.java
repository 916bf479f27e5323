package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.AWS_EXAMPLE_TIME;
import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.readBody;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** x-amz-checksum-* headers on plain bodies, and the checksum implementations against known values. */
class PayloadChecksumTest {
    private static final byte[] HELLO = "Hello, world".getBytes(StandardCharsets.US_ASCII);

    private final RequestAuthenticator authenticator = authenticator(AWS_EXAMPLE_TIME);

    private RequestHead put(String header, String value) {
        return request("PUT", "/b/k").pathStyle("b", "k").header(header, value).header("Content-Length", "12").build();
    }

    @Test
    void crc64nvme_ofTheCheckString_isTheCatalogueValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertEquals(0xAE8B14860A799888L, crc.getValue());

        crc.reset();
        for (byte b : check) {
            crc.update(b);
        }
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }

    @Test
    void everyChecksumHeader_matchingBody_passes() {
        String[][] cases = {
            {"x-amz-checksum-crc32", "55qpwg=="},
            {"x-amz-checksum-crc32c", "W8oUOQ=="},
            {"x-amz-checksum-crc64nvme", "GkNJgVi4PvA="},
            {"x-amz-checksum-sha1", "4CqhsQbVx8apje8rEwBdW4T9jcg="},
            {"x-amz-checksum-sha256", "SufDtqwL7/Zx76jPVzhhUcBuWMpTp42D82EHMWzsEl8="},
        };
        for (String[] c : cases) {
            RequestHead head = put(c[0], c[1]);
            assertArrayEquals(HELLO, readBody(authenticator.authenticate(head), head, HELLO), c[0]);
        }
    }

    @Test
    void crc32HeaderNotMatchingBody_isBadDigest() {
        RequestHead head = put("x-amz-checksum-crc32", "55qpwg==");
        VerifiedRequest verified = authenticator.authenticate(head);

        S3Exception e = assertS3Error(S3ErrorCode.BAD_DIGEST,
                () -> readBody(verified, head, "Hello, World".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("The CRC32 you specified did not match the calculated checksum.", e.getMessage());
    }

    @Test
    void checksumIsVerifiedBeforeTheLastByteIsReturned() throws Exception {
        RequestHead head = put("x-amz-checksum-sha256", "SufDtqwL7/Zx76jPVzhhUcBuWMpTp42D82EHMWzsEl8=");
        VerifiedRequest verified = authenticator.authenticate(head);
        InputStream in = verified.body(new ByteArrayInputStream("Hello, World".getBytes(StandardCharsets.US_ASCII)),
                head);

        assertEquals(11, in.readNBytes(new byte[11], 0, 11));
        assertS3Error(S3ErrorCode.BAD_DIGEST, () -> in.read());
    }

    @Test
    void bodyShorterThanContentLength_isIncompleteBody() {
        RequestHead head = put("x-amz-checksum-crc32", "55qpwg==");
        VerifiedRequest verified = authenticator.authenticate(head);

        assertS3Error(S3ErrorCode.INCOMPLETE_BODY,
                () -> readBody(verified, head, "Hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void twoChecksumHeaders_isInvalidRequest() {
        RequestHead head = request("PUT", "/b/k").header("x-amz-checksum-crc32", "55qpwg==")
                .header("x-amz-checksum-crc32c", "W8oUOQ==").build();

        assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> authenticator.authenticate(head));
    }

    @Test
    void checksumHeaderOfWrongLength_isInvalidRequest() {
        assertS3Error(S3ErrorCode.INVALID_REQUEST,
                () -> authenticator.authenticate(put("x-amz-checksum-crc32", "W8oUOQ==AAAA")));
    }

    @Test
    void completeMultipartUploadChecksumHeader_isAboutTheObjectNotTheBody() {
        RequestHead head = request("POST", "/b/k").query("uploadId=abc").pathStyle("b", "k")
                .header("x-amz-checksum-crc32", "AAAAAA==").build();
        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] xml = "<CompleteMultipartUpload/>".getBytes(StandardCharsets.US_ASCII);

        assertArrayEquals(xml, readBody(verified, head, xml));
    }

    @Test
    void unsignedBodyWithoutChecksums_isPassedThroughUntouched() {
        RequestHead head = request("PUT", "/b/k").build();
        InputStream raw = new ByteArrayInputStream(HELLO);

        assertSame(raw, authenticator.authenticate(head).body(raw, head));
    }
}
