package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.AWS_EXAMPLE_TIME;
import static dev.stowage.auth.TestRequests.EXAMPLE;
import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.element;
import static dev.stowage.auth.TestRequests.readBody;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * SigV4 in the Authorization header, against AWS's published examples ("Signature Calculations for the
 * Authorization Header: Transferring Payload in a Single Chunk"), then the ways it must fail.
 */
class SigV4HeaderAuthTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SCOPE = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

    private final RequestAuthenticator authenticator = authenticator(AWS_EXAMPLE_TIME);

    private static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + SCOPE + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;
    }

    static RequestHead getObjectExample(String signature) {
        return request("GET", "/test.txt").virtualHosted("examplebucket", "test.txt")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Range", "bytes=0-9")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date", signature))
                .build();
    }

    @Test
    void getObject_awsExampleVector_signatureMatches() {
        VerifiedRequest verified = authenticator.authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));

        assertEquals("u-example", verified.principal().userId());
        assertEquals("AKIAIOSFODNN7EXAMPLE", verified.principal().accessKeyId());
        assertEquals(PayloadMode.SIGNED_SHA256, verified.payloadMode());
        assertNull(verified.chunkSigner());
    }

    @Test
    void putObject_awsExampleVectorWithDollarInKey_signatureMatchesAndBodyVerifies() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        RequestHead head = request("PUT", "/test$file.text").virtualHosted("examplebucket", "test$file.text")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", payloadHash)
                .header("Content-Length", "21")
                .header("Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
                .build();

        VerifiedRequest verified = authenticator.authenticate(head);
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);

        assertEquals(PayloadMode.SIGNED_SHA256, verified.payloadMode());
        assertEquals(payloadHash, verified.contentSha256());
        assertArrayEquals(body, readBody(verified, head, body));
        assertEquals(21, verified.decodedContentLength(head));
    }

    @Test
    void putObject_bodyOtherThanSigned_isXAmzContentSha256Mismatch() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        RequestHead head = request("PUT", "/test%24file.text").virtualHosted("examplebucket", "test$file.text")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .header("x-amz-content-sha256", payloadHash)
                .header("Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
                .build();
        VerifiedRequest verified = authenticator.authenticate(head);

        S3Exception e = assertS3Error(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH,
                () -> readBody(verified, head, "Welcome to Amazon S3!".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(payloadHash, element(e, "ClientComputedContentSHA256"));
    }

    @Test
    void getBucketLifecycle_awsExampleVector_signatureMatches() {
        RequestHead head = request("GET", "/").query("lifecycle").virtualHosted("examplebucket", null)
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
                .build();

        assertEquals("u-example", authenticator.authenticate(head).principal().userId());
    }

    @Test
    void unsignedAmzHeaders_areAccessDeniedNamingThem() {
        RequestHead head = request("GET", "/").query("lifecycle").virtualHosted("examplebucket", null)
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-copy-source", "other/key")
                .header("x-amz-tagging", "a=b")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.ACCESS_DENIED, () -> authenticator.authenticate(head));

        assertEquals("There were headers present in the request which were not signed", e.getMessage());
        assertEquals("x-amz-copy-source, x-amz-tagging", element(e, "HeadersNotSigned"));
    }

    @Test
    void listObjects_awsExampleVectorWithUnsortedQuery_signatureMatches() {
        RequestHead head = request("GET", "/").query("max-keys=2&prefix=J").virtualHosted("examplebucket", null)
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SCOPE
                        + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date,  Signature="
                        + "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
                .build();

        assertEquals("u-example", authenticator.authenticate(head).principal().userId());
    }

    @Test
    void anyRegion_inScope_isAccepted() {
        // Same request signed for another region: verify by recomputing with the pure functions.
        String scope = "20130524/eu-weird-7/s3/aws4_request";
        String canonicalRequest = SigV4.canonicalRequest("GET", "/test.txt", "",
                "host:examplebucket.s3.amazonaws.com\nx-amz-content-sha256:" + EMPTY_SHA256
                        + "\nx-amz-date:20130524T000000Z\n",
                "host;x-amz-content-sha256;x-amz-date", EMPTY_SHA256);
        String signature = SigV4.signature(
                SigV4.signingKey(TestRequests.SECRET, "20130524", "eu-weird-7", "s3"),
                SigV4.stringToSign("20130524T000000Z", scope, canonicalRequest));
        RequestHead head = request("GET", "/test.txt").virtualHosted("examplebucket", "test.txt")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/" + scope
                        + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + signature)
                .build();

        assertEquals("u-example", authenticator.authenticate(head).principal().userId());
    }

    @Test
    void wrongSignature_isSignatureDoesNotMatchWithAwsDiagnostics() {
        String forged = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42";

        S3Exception e = assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> authenticator.authenticate(getObjectExample(forged)));

        assertEquals(403, e.error().status());
        assertEquals("AKIAIOSFODNN7EXAMPLE", element(e, "AWSAccessKeyId"));
        assertEquals(forged, element(e, "SignatureProvided"));
        assertEquals("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972", element(e, "StringToSign"));
        assertEquals("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:" + EMPTY_SHA256 + "\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n" + EMPTY_SHA256, element(e, "CanonicalRequest"));
        assertTrue(element(e, "StringToSignBytes").startsWith("41 57 53 34 2d 48 4d 41 43 2d"),
                element(e, "StringToSignBytes"));
        assertTrue(element(e, "CanonicalRequestBytes").startsWith("47 45 54 0a 2f"));
    }

    @Test
    void requestTimeMoreThanFifteenMinutesOff_isRequestTimeTooSkewed() {
        RequestAuthenticator late = authenticator(AWS_EXAMPLE_TIME.plusSeconds(15 * 60 + 1));

        S3Exception e = assertS3Error(S3ErrorCode.REQUEST_TIME_TOO_SKEWED, () -> late.authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));

        assertEquals("20130524T000000Z", element(e, "RequestTime"));
        assertEquals("2013-05-24T00:15:01Z", element(e, "ServerTime"));
        assertEquals("900000", element(e, "MaxAllowedSkewMilliseconds"));
    }

    @Test
    void requestTimeFourteenMinutesOff_isAccepted() {
        RequestAuthenticator early = authenticator(AWS_EXAMPLE_TIME.minusSeconds(14 * 60));

        early.authenticate(getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    }

    @Test
    void unknownAccessKey_isInvalidAccessKeyId() {
        RequestAuthenticator other = authenticator(AWS_EXAMPLE_TIME,
                new Credential("SOMEONEELSE", "secret", "u2", "u2", false, true));

        S3Exception e = assertS3Error(S3ErrorCode.INVALID_ACCESS_KEY_ID, () -> other.authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));

        assertEquals("AKIAIOSFODNN7EXAMPLE", element(e, "AWSAccessKeyId"));
    }

    @Test
    void disabledAccessKey_isInvalidAccessKeyIdLikeAws() {
        Credential disabled = new Credential(EXAMPLE.accessKeyId(), EXAMPLE.secretKey(), "u", "u", false, false);

        assertS3Error(S3ErrorCode.INVALID_ACCESS_KEY_ID, () -> authenticator(AWS_EXAMPLE_TIME, disabled).authenticate(
                getObjectExample("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
    }

    @Test
    void missingContentSha256Header_isInvalidRequest() {
        RequestHead head = request("GET", "/test.txt").virtualHosted("examplebucket", "test.txt")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-date", "00".repeat(32)))
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.INVALID_REQUEST, () -> authenticator.authenticate(head));
        assertTrue(e.getMessage().contains("x-amz-content-sha256"));
    }

    @Test
    void malformedContentSha256Header_isInvalidArgument() {
        RequestHead head = request("GET", "/test.txt")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", "not-a-hash")
                .header("Authorization", authorization("host;x-amz-date", "00".repeat(32)))
                .build();

        assertS3Error(S3ErrorCode.INVALID_ARGUMENT, () -> authenticator.authenticate(head));
    }

    @Test
    void credentialWithoutScope_isAuthorizationHeaderMalformed() {
        RequestHead head = request("GET", "/")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524, "
                        + "SignedHeaders=host, Signature=abc")
                .build();

        assertS3Error(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, () -> authenticator.authenticate(head));
    }

    @Test
    void headerWithoutSignature_isAuthorizationHeaderMalformed() {
        RequestHead head = request("GET", "/")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host")
                .build();

        assertS3Error(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, () -> authenticator.authenticate(head));
    }

    @Test
    void scopeForAnotherService_isAuthorizationHeaderMalformed() {
        RequestHead head = request("GET", "/")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/"
                        + "iam/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64))
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                () -> authenticator.authenticate(head));
        assertTrue(e.getMessage().contains("incorrect service \"iam\""), e.getMessage());
    }

    @Test
    void scopeDateOtherThanRequestDate_isAuthorizationHeaderMalformed() {
        RequestHead head = request("GET", "/")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130523/us-east-1/"
                        + "s3/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64))
                .build();

        assertS3Error(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, () -> authenticator.authenticate(head));
    }

    @Test
    void noDateHeaders_isAccessDenied() {
        RequestHead head = request("GET", "/")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", authorization("host", "0".repeat(64)))
                .build();

        assertS3Error(S3ErrorCode.ACCESS_DENIED, () -> authenticator.authenticate(head));
    }

    @Test
    void dateHeaderAlone_givesTheRequestTime() {
        Instant now = Instant.parse("2013-05-24T00:00:00Z");
        String canonicalRequest = SigV4.canonicalRequest("GET", "/", "",
                "date:Fri, 24 May 2013 00:00:00 GMT\nhost:examplebucket.s3.amazonaws.com\n"
                        + "x-amz-content-sha256:" + EMPTY_SHA256 + "\n", "date;host;x-amz-content-sha256",
                EMPTY_SHA256);
        String signature = SigV4.signature(SigV4.signingKey(TestRequests.SECRET, "20130524", "us-east-1", "s3"),
                SigV4.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonicalRequest));
        RequestHead head = request("GET", "/").virtualHosted("examplebucket", null)
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", authorization("date;host;x-amz-content-sha256", signature))
                .build();

        assertEquals("u-example", authenticator(now).authenticate(head).principal().userId());
    }

    @Test
    void pathSignedAsSentWithoutReencoding_isAcceptedAsFallback() {
        // A client that signed "/a+b%2fc" literally (no S3 re-encoding of '+' and lower-case hex).
        String rawPath = "/bucket/a+b%2fc";
        String canonicalRequest = SigV4.canonicalRequest("GET", rawPath, "",
                "host:localhost\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:20130524T000000Z\n",
                "host;x-amz-content-sha256;x-amz-date", "UNSIGNED-PAYLOAD");
        String signature = SigV4.signature(SigV4.signingKey(TestRequests.SECRET, "20130524", "us-east-1", "s3"),
                SigV4.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonicalRequest));
        RequestHead head = request("GET", rawPath).pathStyle("bucket", "a+b/c")
                .header("Host", "localhost")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("x-amz-date", "20130524T000000Z")
                .header("Authorization", authorization("host;x-amz-content-sha256;x-amz-date", signature))
                .build();

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.UNSIGNED_PAYLOAD, verified.payloadMode());
    }

    @Test
    void headerValuesWithRunsOfSpaces_areCollapsedBeforeSigning() {
        String canonicalRequest = SigV4.canonicalRequest("GET", "/", "",
                "host:localhost\nx-amz-content-sha256:UNSIGNED-PAYLOAD\nx-amz-date:20130524T000000Z\n"
                        + "x-amz-meta-note:a b c,d\n",
                "host;x-amz-content-sha256;x-amz-date;x-amz-meta-note", "UNSIGNED-PAYLOAD");
        String signature = SigV4.signature(SigV4.signingKey(TestRequests.SECRET, "20130524", "us-east-1", "s3"),
                SigV4.stringToSign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonicalRequest));
        RequestHead head = request("GET", "/")
                .header("Host", "localhost")
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .header("x-amz-date", "20130524T000000Z")
                .header("x-amz-meta-note", "  a   b \t c ")
                .header("x-amz-meta-note", "d")
                .header("Authorization",
                        authorization("host;x-amz-content-sha256;x-amz-date;x-amz-meta-note", signature))
                .build();

        assertEquals("u-example", authenticator.authenticate(head).principal().userId());
    }
}
