package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.element;
import static dev.stowage.auth.TestRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signature Version 2: AWS's example, the ostor clients' canonical resource, presigned URLs, dates. */
class SigV2AuthTest {
    private static final Instant EXAMPLE_TIME = Instant.parse("2007-03-27T19:36:42Z");
    private static final String OSTOR_KEY = "a14040e0b2ef8b28FZZ8";
    private static final String OSTOR_SECRET = "dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA";
    private static final Credential OSTOR_ADMIN =
            new Credential(OSTOR_KEY, OSTOR_SECRET, "a14040e0b2ef8b28", "admin", true, true);
    private static final String OSTOR_DATE = "Mon, 23 Nov 2026 05:00:00 +0000";
    private static final Instant OSTOR_TIME = Instant.parse("2026-11-23T05:00:00Z");

    /** HMAC-SHA1, base64: what {@code openssl sha1 -hmac secret -binary | base64} prints. */
    private static String sign(String secret, String stringToSign) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void getObject_awsV2ExampleVector_signatureMatches() {
        RequestHead head = request("GET", "/photos/puppy.jpg").virtualHosted("johnsmith", "photos/puppy.jpg")
                .header("Host", "johnsmith.s3.amazonaws.com")
                .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=")
                .build();

        VerifiedRequest verified = authenticator(EXAMPLE_TIME).authenticate(head);

        assertEquals("u-example", verified.principal().userId());
        assertEquals(PayloadMode.UNSIGNED, verified.payloadMode());
    }

    @Test
    void getObject_wrongV2Signature_isSignatureDoesNotMatchWithStringToSign() {
        RequestHead head = request("GET", "/photos/puppy.jpg").virtualHosted("johnsmith", "photos/puppy.jpg")
                .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMV=")
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> authenticator(EXAMPLE_TIME).authenticate(head));

        assertEquals("GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg",
                element(e, "StringToSign"));
        assertEquals("bWq2s1WEIj+Ydj0vQ697zp+IXMV=", element(e, "SignatureProvided"));
        assertTrue(element(e, "StringToSignBytes").startsWith("47 45 54 0a 0a 0a 54 75 65"));
    }

    @Test
    void pathStyleBucketRequest_signedWithTrailingSlashAsBotocoreDoes_verifies() throws Exception {
        // botocore's HmacV1Auth (signature_version='s3') sends GET /bucket but signs "/bucket/"
        String date = "Mon, 23 Nov 2026 05:00:00 GMT";
        String signature = sign(OSTOR_SECRET, "GET\n\n\n" + date + "\n/bucket/?acl");
        RequestHead head = request("GET", "/bucket").query("acl").pathStyle("bucket", null)
                .header("Date", date)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        VerifiedRequest verified = authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);

        assertEquals("a14040e0b2ef8b28", verified.principal().userId());
    }

    @Test
    void dateWithWrongDayName_isReadAsItsDate_soAnOldOneIsRequestTimeTooSkewed() throws Exception {
        String date = "Tue, 07 Jul 2010 00:00:00 GMT"; // 7 July 2010 was a Wednesday
        String signature = sign(OSTOR_SECRET, "GET\n\n\n" + date + "\n/bucket/key");
        RequestHead head = request("GET", "/bucket/key").pathStyle("bucket", "key")
                .header("Date", date)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        assertS3Error(S3ErrorCode.REQUEST_TIME_TOO_SKEWED,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
    }

    @Test
    void ostorUsers_bashS3Curl_signsOnlyTheFirstQueryWord() {
        // s3_curl GET "http://s3.example.com/?ostor-users&emailAddress=x@y.z", signature from openssl:
        // echo -en "GET\n\n\nMon, 23 Nov 2026 05:00:00 +0000\n/?ostor-users" | openssl sha1 -hmac $secret -binary | base64
        RequestHead head = request("GET", "/").query("ostor-users&emailAddress=x@y.z")
                .header("Host", "s3.example.com")
                .header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY + ":BFl9hoHVUCeF+8BMiaVNgTA+0B4=")
                .header("User-Agent", "curl/8.5.0")
                .header("Accept", "*/*")
                .build();

        VerifiedRequest verified = authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);

        assertEquals("a14040e0b2ef8b28", verified.principal().userId());
        assertTrue(verified.principal().system());
    }

    @Test
    void ostorUsers_phpRequestCurl_putWithEmptiedContentType_verifies() throws Exception {
        // S3_requestCurl(key, secret, "http://s3.example.com", "/?ostor-users&emailAddress=client@example.com", "PUT")
        String signature = sign(OSTOR_SECRET, "PUT\n\n\n" + OSTOR_DATE + "\n/?ostor-users");
        RequestHead head = request("PUT", "/").query("ostor-users&emailAddress=client@example.com")
                .header("Host", "s3.example.com")
                .header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .header("Content-Length", "0")
                .build();

        assertEquals("TNYYVqoqgOVbfLm+1kjGH5QLQkc=", signature);
        assertEquals("a14040e0b2ef8b28",
                authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head).principal().userId());
    }

    @Test
    void ostorUsers_signatureOverTheWholeQuery_isRejected() throws Exception {
        String signature = sign(OSTOR_SECRET, "GET\n\n\n" + OSTOR_DATE + "\n/?ostor-users&emailAddress=x@y.z");
        RequestHead head = request("GET", "/").query("ostor-users&emailAddress=x@y.z")
                .header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        S3Exception e = assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
        assertEquals("GET\n\n\n" + OSTOR_DATE + "\n/?ostor-users", element(e, "StringToSign"));
    }

    @Test
    void ostorLimitsWithSeveralParameters_signsOnlyTheFirstWord() throws Exception {
        String signature = sign(OSTOR_SECRET, "PUT\n\n\n" + OSTOR_DATE + "\n/?ostor-limits");
        RequestHead head = request("PUT", "/")
                .query("ostor-limits&emailAddress=client@example.com&limit-type=ops&limit-resource=get"
                        + "&limit-value=3600")
                .header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);
    }

    @Test
    void subResourcesAreSignedSortedAndOtherParametersIgnored() throws Exception {
        String stringToSign =
                "GET\n\n\n" + OSTOR_DATE + "\n/bucket/key?acl&versionId=3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY";
        String signature = sign(OSTOR_SECRET, stringToSign);
        RequestHead head = request("GET", "/bucket/key")
                .query("versionId=3%2FL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY&prefix=ignored&acl")
                .pathStyle("bucket", "key")
                .header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);
    }

    @Test
    void amzHeadersAreCanonicalizedAndXAmzDateBlanksTheDateLine() throws Exception {
        String stringToSign = "PUT\nc8fdb181845a4ca6b8fec737b3581d76\ntext/html\n\n"
                + "x-amz-date:Mon, 23 Nov 2026 05:01:00 +0000\nx-amz-meta-author:foo@bar.com\n"
                + "x-amz-meta-tags:a,b\n/bucket/key";
        String signature = sign(OSTOR_SECRET, stringToSign);
        RequestHead head = request("PUT", "/bucket/key").pathStyle("bucket", "key")
                .header("Content-MD5", "c8fdb181845a4ca6b8fec737b3581d76")
                .header("Content-Type", "text/html")
                .header("Date", "Thu, 01 Jan 1970 00:00:00 GMT") // ignored: x-amz-date wins
                .header("X-Amz-Date", "Mon, 23 Nov 2026 05:01:00 +0000")
                .header("X-Amz-Meta-Author", " foo@bar.com ")
                .header("X-Amz-Meta-Tags", "a")
                .header("X-Amz-Meta-Tags", "b")
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature)
                .build();

        authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);
    }

    @Test
    void dateWithNumericZone_isParsedForTheSkewCheck() throws Exception {
        String date = "Mon, 23 Nov 2026 07:00:00 +0200";
        String signature = sign(OSTOR_SECRET, "GET\n\n\n" + date + "\n/");
        RequestHead head = request("GET", "/").header("Date", date)
                .header("Authorization", "AWS " + OSTOR_KEY + ":" + signature).build();

        authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head);
        assertS3Error(S3ErrorCode.REQUEST_TIME_TOO_SKEWED,
                () -> authenticator(OSTOR_TIME.plusSeconds(16 * 60), OSTOR_ADMIN).authenticate(head));
    }

    @Test
    void presignedV2_validUntilExpires_thenRequestHasExpired() throws Exception {
        long expires = OSTOR_TIME.getEpochSecond() + 60;
        String signature = sign(OSTOR_SECRET, "GET\n\n\n" + expires + "\n/bucket/key");
        String query = "AWSAccessKeyId=" + OSTOR_KEY + "&Expires=" + expires + "&Signature="
                + signature.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        RequestHead head = request("GET", "/bucket/key").query(query).pathStyle("bucket", "key").build();

        assertEquals("a14040e0b2ef8b28",
                authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head).principal().userId());
        S3Exception e = assertS3Error(S3ErrorCode.ACCESS_DENIED,
                () -> authenticator(OSTOR_TIME.plusSeconds(61), OSTOR_ADMIN).authenticate(head));
        assertEquals("Request has expired", e.getMessage());
        assertEquals("2026-11-23T05:01:00Z", element(e, "Expires"));
    }

    @Test
    void presignedV2MissingExpires_isAccessDenied() {
        RequestHead head = request("GET", "/bucket/key").query("AWSAccessKeyId=" + OSTOR_KEY + "&Signature=abc")
                .build();

        assertS3Error(S3ErrorCode.ACCESS_DENIED,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
    }

    @Test
    void v2HeaderWithoutColon_isInvalidArgument() {
        RequestHead head = request("GET", "/").header("Date", OSTOR_DATE)
                .header("Authorization", "AWS " + OSTOR_KEY).build();

        assertS3Error(S3ErrorCode.INVALID_ARGUMENT,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
    }

    @Test
    void v2UnknownKey_isInvalidAccessKeyId() {
        RequestHead head = request("GET", "/").header("Date", OSTOR_DATE)
                .header("Authorization", "AWS NOBODY:abc=").build();

        assertS3Error(S3ErrorCode.INVALID_ACCESS_KEY_ID,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
    }

    @Test
    void v2WithoutAnyDate_isAccessDenied() {
        RequestHead head = request("GET", "/").header("Authorization", "AWS " + OSTOR_KEY + ":abc=").build();

        assertS3Error(S3ErrorCode.ACCESS_DENIED,
                () -> authenticator(OSTOR_TIME, OSTOR_ADMIN).authenticate(head));
    }
}
