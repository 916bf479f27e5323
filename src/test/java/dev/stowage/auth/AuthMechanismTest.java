package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.AWS_EXAMPLE_TIME;
import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.element;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import org.junit.jupiter.api.Test;

/** Which mechanism a request uses: none, header, query; and the combinations AWS refuses. */
class AuthMechanismTest {
    private final RequestAuthenticator authenticator = authenticator(AWS_EXAMPLE_TIME);

    @Test
    void requestWithoutAnySignature_isAnonymousAndUnsigned() {
        VerifiedRequest verified = authenticator.authenticate(request("GET", "/bucket/key").query("acl").build());

        assertEquals(Principal.ANONYMOUS, verified.principal());
        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
        assertNull(verified.chunkSigner());
    }

    @Test
    void anonymousRequestWithHexContentSha256_isStillUnsigned() {
        VerifiedRequest verified = authenticator.authenticate(request("PUT", "/bucket/key")
                .header("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .build());

        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
    }

    @Test
    void headerAndV2QueryAuthTogether_isInvalidArgumentOnlyOneAuthMechanism() {
        RequestHead head = request("GET", "/bucket/key").query("AWSAccessKeyId=AK&Expires=1&Signature=x")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.INVALID_ARGUMENT, () -> authenticator.authenticate(head));

        assertEquals("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                + "string parameter or the Authorization header should be specified", e.getMessage());
        assertEquals("Authorization", element(e, "ArgumentName"));
    }

    @Test
    void emptyAuthorizationHeader_isAnonymous() {
        for (String blank : new String[] {"", " "}) {
            VerifiedRequest verified = authenticator.authenticate(
                    request("PUT", "/bucket/key").header("Authorization", blank).build());

            assertEquals(Principal.ANONYMOUS, verified.principal());
        }
    }

    @Test
    void unknownAuthorizationScheme_isInvalidArgument() {
        RequestHead head = request("GET", "/").header("Authorization", "Bearer abc").build();

        assertS3Error(S3ErrorCode.INVALID_ARGUMENT, () -> authenticator.authenticate(head));
    }

    @Test
    void garbageAuthorizationHeaders_neverEscapeAsAnythingButS3Exception() {
        String[] values = {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256 Credential=",
            "AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;, Signature=", "AWS ", "AWS :", "AWS a:",
            "AWS4-HMAC-SHA256 Credential=a/b/c/d/e,SignedHeaders=host,Signature=x,Signature=y",
            "AWS4-HMAC-SHA256 =,=,="};
        for (String value : values) {
            RequestHead head = request("GET", "/").header("Authorization", value)
                    .header("x-amz-date", "20130524T000000Z")
                    .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD").build();
            S3Exception e = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                    () -> authenticator.authenticate(head), value);
            org.junit.jupiter.api.Assertions.assertNotEquals(S3ErrorCode.INTERNAL_ERROR, e.error(), value);
        }
    }
}
