package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.AWS_EXAMPLE_TIME;
import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.element;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import org.junit.jupiter.api.Test;

/** SigV4 presigned URLs, against AWS's example ("Authenticating Requests: Using Query Parameters"). */
class SigV4PresignedAuthTest {
    private static final String EXAMPLE_SIGNATURE = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    private static String query(String expires, String signature) {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=" + expires
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature;
    }

    private static RequestHead example(String query) {
        return request("GET", "/test.txt").query(query).virtualHosted("examplebucket", "test.txt")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .build();
    }

    @Test
    void getObject_awsPresignedExample_signatureMatches() {
        VerifiedRequest verified = authenticator(AWS_EXAMPLE_TIME)
                .authenticate(example(query("86400", EXAMPLE_SIGNATURE)));

        assertEquals("u-example", verified.principal().userId());
        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
    }

    @Test
    void getObject_presignedJustBeforeExpiry_isAccepted() {
        authenticator(AWS_EXAMPLE_TIME.plusSeconds(86400)).authenticate(example(query("86400", EXAMPLE_SIGNATURE)));
    }

    @Test
    void expiredPresignedUrl_isAccessDeniedRequestHasExpired() {
        RequestAuthenticator later = authenticator(AWS_EXAMPLE_TIME.plusSeconds(86401));

        S3Exception e = assertS3Error(S3ErrorCode.ACCESS_DENIED,
                () -> later.authenticate(example(query("86400", EXAMPLE_SIGNATURE))));

        assertEquals("Request has expired", e.getMessage());
        assertEquals("86400", element(e, "X-Amz-Expires"));
        assertEquals("2013-05-25T00:00:00Z", element(e, "Expires"));
        assertEquals("2013-05-25T00:00:01Z", element(e, "ServerTime"));
    }

    @Test
    void presignedUrlDatedMoreThanFifteenMinutesAhead_isRequestTimeTooSkewed() {
        RequestAuthenticator early = authenticator(AWS_EXAMPLE_TIME.minusSeconds(16 * 60));

        assertS3Error(S3ErrorCode.REQUEST_TIME_TOO_SKEWED,
                () -> early.authenticate(example(query("86400", EXAMPLE_SIGNATURE))));
    }

    @Test
    void expiresNegativeBeyondOneWeekOrNotANumber_isAuthorizationQueryParametersError() {
        assertS3Error(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query("604801", EXAMPLE_SIGNATURE))));
        assertS3Error(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query("-1", EXAMPLE_SIGNATURE))));
        assertS3Error(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query("soon", EXAMPLE_SIGNATURE))));
    }

    @Test
    void expiresZero_isExpiredOnArrival() {
        S3Exception e = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query("0", EXAMPLE_SIGNATURE))));
        assertEquals(S3ErrorCode.ACCESS_DENIED, e.error());
        assertEquals("Request has expired", e.getMessage());
    }

    @Test
    void missingSignedHeadersParameter_isAuthorizationQueryParametersError() {
        String query = query("86400", EXAMPLE_SIGNATURE).replace("&X-Amz-SignedHeaders=host", "");

        assertS3Error(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query)));
    }

    @Test
    void tamperedQueryParameter_isSignatureDoesNotMatch() {
        String query = query("86400", EXAMPLE_SIGNATURE) + "&response-content-type=text%2Fhtml";

        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(example(query)));
    }

    @Test
    void unknownAccessKeyInPresignedUrl_isInvalidAccessKeyId() {
        RequestAuthenticator other = authenticator(AWS_EXAMPLE_TIME,
                new Credential("OTHER", "secret", "u2", "u2", false, true));

        assertS3Error(S3ErrorCode.INVALID_ACCESS_KEY_ID,
                () -> other.authenticate(example(query("86400", EXAMPLE_SIGNATURE))));
    }

    @Test
    void presignedQueryAndAuthorizationHeaderTogether_isInvalidArgument() {
        RequestHead head = request("GET", "/test.txt").query(query("86400", EXAMPLE_SIGNATURE))
                .virtualHosted("examplebucket", "test.txt")
                .header("Host", "examplebucket.s3.amazonaws.com")
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:abc=")
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.INVALID_ARGUMENT,
                () -> authenticator(AWS_EXAMPLE_TIME).authenticate(head));

        assertEquals("Authorization", element(e, "ArgumentName"));
    }
}
