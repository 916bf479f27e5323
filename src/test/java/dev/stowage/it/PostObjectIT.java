package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * POST Object: browser-based uploads with an HTML form, signed with SigV4 or SigV2 over a policy document, or
 * anonymous into a bucket that lets everyone write. The policy signatures are computed here with javax.crypto, as a
 * browser-side signer would.
 */
@QuarkusTest
class PostObjectIT extends S3TestSupport {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    @Inject
    Accounts accounts;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A form field; the {@code file} field carries a filename and the content. */
    private record Field(String name, String value, String filename) {
        static Field of(String name, String value) {
            return new Field(name, value, null);
        }
    }

    private static final class Form {
        final List<Field> fields = new ArrayList<>();

        Form add(String name, String value) {
            fields.add(Field.of(name, value));
            return this;
        }

        Form file(String filename, String content) {
            fields.add(new Field("file", content, filename));
            return this;
        }
    }

    @Test
    void postObject_sigV4Form_storesTheFileWithItsMetadata() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", "user/"],
                {"Content-Type": "text/plain"},
                ["starts-with", "$x-amz-meta-color", ""],
                {"x-amz-algorithm": "AWS4-HMAC-SHA256"},
                ["starts-with", "$x-amz-credential", ""],
                ["starts-with", "$x-amz-date", ""],
                ["content-length-range", 1, 1024]""");
        HttpResponse<String> response = post(bucket, sigV4(policy, new Form()
                .add("key", "user/hello.txt")
                .add("Content-Type", "text/plain")
                .add("x-amz-meta-color", "blue"))
                .file("hello.txt", "hello, form"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("user/hello.txt"));
        assertThat(stored.asUtf8String()).isEqualTo("hello, form");
        assertThat(stored.response().contentType()).isEqualTo("text/plain");
        assertThat(stored.response().metadata()).containsEntry("color", "blue");
        assertThat(response.headers().firstValue("ETag")).hasValue(stored.response().eTag());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/" + bucket + "/user/hello.txt"));
    }

    @Test
    void postObject_sigV2Form_storesTheFile() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", "foo"], {"acl": "private"}""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form()
                .add("key", "foo.txt").add("acl", "private"))
                .file("foo.txt", "bar"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("foo.txt")).asUtf8String()).isEqualTo("bar");
    }

    @Test
    void postObject_websiteRedirectAndStorageClassFields_areKeptWithTheObject() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", "r"], ["starts-with", "$x-amz-website-redirect-location", "/"],
                {"x-amz-storage-class": "STANDARD_IA"}""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form()
                .add("key", "r.html").add("x-amz-website-redirect-location", "/target.html")
                .add("x-amz-storage-class", "STANDARD_IA"))
                .file("r.html", "page"));

        assertThat(response.statusCode()).isEqualTo(204);
        var head = s3.headObject(b -> b.bucket(bucket).key("r.html"));
        assertThat(head.websiteRedirectLocation()).isEqualTo("/target.html");
        assertThat(head.storageClassAsString()).isEqualTo("STANDARD_IA");
    }

    @Test
    void postObject_keyWithFilenameVariable_takesTheFilesName() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", "uploads/"]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "uploads/${filename}"))
                .file("photo.jpg", "jpeg bytes"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/photo.jpg")).asUtf8String())
                .isEqualTo("jpeg bytes");
    }

    @Test
    void postObject_successActionStatus201_answersPostResponseXml() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["eq", "$key", "a.txt"], {"success_action_status": "201"}""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form()
                .add("key", "a.txt").add("success_action_status", "201"))
                .file("a.txt", "abc"));

        assertThat(response.statusCode()).isEqualTo(201);
        String etag = s3.headObject(b -> b.bucket(bucket).key("a.txt")).eTag();
        assertThat(response.body()).contains("<PostResponse>").contains("<Bucket>" + bucket + "</Bucket>")
                .contains("<Key>a.txt</Key>").contains("<ETag>&quot;" + etag.replace("\"", "") + "&quot;</ETag>")
                .containsPattern("<Location>http://[^<]+/" + bucket + "/a.txt</Location>");
    }

    @Test
    void postObject_invalidSuccessActionStatus_is204() throws Exception {
        String bucket = publicBucket();
        HttpResponse<String> response = post(bucket, new Form()
                .add("key", "a.txt").add("success_action_status", "404").file("a.txt", "abc"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void postObject_successActionRedirect_is303WithBucketKeyAndEtag() throws Exception {
        String bucket = newBucket();
        String redirect = "https://app.example.com/done?from=form";
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["eq", "$key", "r.txt"], ["eq", "$success_action_redirect", "%s"]""".formatted(redirect));
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form()
                .add("key", "r.txt").add("success_action_redirect", redirect))
                .file("r.txt", "redirected"));

        assertThat(response.statusCode()).isEqualTo(303);
        String etag = s3.headObject(b -> b.bucket(bucket).key("r.txt")).eTag().replace("\"", "");
        assertThat(response.headers().firstValue("Location")).hasValue(
                redirect + "&bucket=" + bucket + "&key=r.txt&etag=%22" + etag + "%22");
    }

    @Test
    void postObject_expiredPolicy_isAccessDenied() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().minus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "k")).file("k", "x"));

        assertError(response, 403, "AccessDenied");
        assertThat(response.body()).contains("Invalid according to Policy: Policy expired.");
        assertNotStored(bucket, "k");
    }

    @Test
    void postObject_keyNotStartingAsThePolicySays_isAccessDenied() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", "user/"]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "other/k")).file("k", "x"));

        assertError(response, 403, "AccessDenied");
        assertThat(response.body()).contains("Invalid according to Policy: Policy Condition failed");
        assertNotStored(bucket, "other/k");
    }

    @Test
    void postObject_fieldTheConditionsDoNotName_isAccessDenied() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form()
                .add("key", "k").add("x-amz-meta-extra", "1").add("x-ignore-me", "fine")).file("k", "x"));

        assertError(response, 403, "AccessDenied");
        assertThat(response.body()).contains("Invalid according to Policy: Extra input fields: x-amz-meta-extra");
    }

    @Test
    void postObject_fileSmallerThanContentLengthRange_isEntityTooSmall() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""], ["content-length-range", 512, 1000]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "small")).file("f", "bar"));

        assertError(response, 400, "EntityTooSmall");
        assertNotStored(bucket, "small");
    }

    @Test
    void postObject_fileLargerThanContentLengthRange_isEntityTooLarge() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""], ["content-length-range", 0, 10]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "large"))
                .file("f", "x".repeat(100)));

        assertError(response, 400, "EntityTooLarge");
        assertNotStored(bucket, "large");
    }

    @Test
    void postObject_badSignature_isSignatureDoesNotMatch() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""]""");
        Form form = new Form().add("key", "k").add("AWSAccessKeyId", ACCESS_KEY).add("policy", base64(policy))
                .add("signature", sigV2Signature(SECRET_KEY + "x", base64(policy))).file("k", "x");

        assertError(post(bucket, form), 403, "SignatureDoesNotMatch");
        assertNotStored(bucket, "k");
    }

    @Test
    void postObject_sigV4WithBadSignature_isSignatureDoesNotMatch() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""]""");
        Form form = sigV4(policy, new Form().add("key", "k"));
        form.fields.replaceAll(f -> f.name().equals("x-amz-signature") ? Field.of(f.name(), "0".repeat(64)) : f);

        assertError(post(bucket, form.file("k", "x")), 403, "SignatureDoesNotMatch");
    }

    @Test
    void postObject_unknownAccessKey_isInvalidAccessKeyId() throws Exception {
        String bucket = newBucket();
        String policy = base64(policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["starts-with", "$key", ""]"""));
        Form form = new Form().add("key", "k").add("AWSAccessKeyId", "NOSUCHKEY").add("policy", policy)
                .add("signature", sigV2Signature(SECRET_KEY, policy)).file("k", "x");

        assertError(post(bucket, form), 403, "InvalidAccessKeyId");
    }

    @Test
    void postObject_anonymousIntoPublicReadWriteBucket_storesTheFileWithItsTags() throws Exception {
        String bucket = publicBucket();
        HttpResponse<String> response = post(bucket, new Form().add("key", "anon.txt").add("acl", "public-read")
                .add("tagging", "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>")
                .file("anon.txt", "anonymous"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("anon.txt")).asUtf8String()).isEqualTo("anonymous");
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("anon.txt")).tagSet())
                .containsExactly(Tag.builder().key("k").value("v").build());
    }

    @Test
    void postObject_sseKmsOrCustomerKeyField_isNotImplementedAndStoresNothing() throws Exception {
        String bucket = publicBucket();
        HttpResponse<String> kms = post(bucket, new Form().add("key", "kms.txt")
                .add("x-amz-server-side-encryption", "aws:kms").file("kms.txt", "secret"));
        assertError(kms, 501, "NotImplemented");
        assertNotStored(bucket, "kms.txt");

        HttpResponse<String> customer = post(bucket, new Form().add("key", "c.txt")
                .add("x-amz-server-side-encryption-customer-algorithm", "AES256").file("c.txt", "secret"));
        assertError(customer, 501, "NotImplemented");
        assertNotStored(bucket, "c.txt");
    }

    @Test
    void postObject_anonymousIntoPrivateBucket_isAccessDenied() throws Exception {
        String bucket = newBucket();
        HttpResponse<String> response = post(bucket, new Form().add("key", "anon.txt").file("anon.txt", "x"));

        assertError(response, 403, "AccessDenied");
        assertNotStored(bucket, "anon.txt");
    }

    @Test
    void postObject_withoutKey_isInvalidArgument() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                {"acl": "private"}""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("acl", "private")).file("f", "x"));

        assertError(response, 400, "InvalidArgument");
    }

    @Test
    void postObject_policyWithoutConditions_isInvalidPolicyDocument() throws Exception {
        String bucket = newBucket();
        String policy = "{\"expiration\": \"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}";
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "k")).file("f", "x"));

        assertError(response, 400, "InvalidPolicyDocument");
    }

    @Test
    void postObject_fieldsBeforeTheFileOverTheLimit_isMaxPostPreDataLengthExceeded() throws Exception {
        String bucket = publicBucket();
        HttpResponse<String> response = post(bucket, new Form().add("key", "k")
                .add("x-ignore-padding", "p".repeat(25 * 1024)).file("f", "x"));

        assertError(response, 400, "MaxPostPreDataLengthExceeded");
    }

    @Test
    void postObject_fromAnAllowedOrigin_carriesTheBucketsCorsHeaders() throws Exception {
        String bucket = publicBucket();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(CORSConfiguration.builder().corsRules(CORSRule.builder()
                .allowedOrigins("https://app.example.com").allowedMethods("POST").exposeHeaders("ETag").build()).build()));
        HttpResponse<String> response = post(bucket, new Form().add("key", "cors.txt").file("cors.txt", "x"),
                "Origin", "https://app.example.com");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
    }

    @Test
    void postObject_virtualHostedStyle_storesTheFileAndAnswersItsLocation() throws Exception {
        String bucket = newBucket();
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["eq", "$key", "vh.txt"]""");
        String boundary = "vhBoundary";
        RawHttp.Response response = RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(),
                new RawHttp.Request("POST", "/")
                        .header("Host", bucket + ".localhost:" + endpointUrl.getPort())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .body(multipart(sigV2(policy, new Form().add("key", "vh.txt")).file("vh.txt", "hosted"), boundary)));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("location")).isEqualTo("http://" + bucket + ".localhost:" + endpointUrl.getPort()
                + "/vh.txt");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("vh.txt")).asUtf8String()).isEqualTo("hosted");
    }

    @Test
    void postObject_signedByAUserWithoutWriteOnTheBucket_isAccessDenied() throws Exception {
        String bucket = newBucket();
        UserAccount other = accounts.createUser(TestEmails.fresh("postobject"), false);
        String policy = policy(Instant.now().plus(1, ChronoUnit.HOURS), bucket, """
                ["eq", "$key", "k"]""");
        HttpResponse<String> response = post(bucket, sigV2(policy, new Form().add("key", "k"),
                other.keys().get(0).accessKeyId(), other.keys().get(0).secretAccessKey()).file("k", "x"));

        assertError(response, 403, "AccessDenied");
        assertNotStored(bucket, "k");
    }

    @Test
    void postObject_formWithoutBoundary_isMalformedPostRequest() throws Exception {
        String bucket = publicBucket();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("key=k&file=x")).build(), HttpResponse.BodyHandlers.ofString());

        assertError(response, 400, "MalformedPOSTRequest");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private String publicBucket() {
        String bucket = newBucket();
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        return bucket;
    }

    private static String policy(Instant expiration, String bucket, String conditions) {
        return """
                {"expiration": "%s", "conditions": [{"bucket": "%s"}, %s]}"""
                .formatted(expiration.truncatedTo(ChronoUnit.SECONDS), bucket, conditions);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Form sigV2(String policyJson, Form form) throws GeneralSecurityException {
        return sigV2(policyJson, form, ACCESS_KEY, SECRET_KEY);
    }

    private static Form sigV2(String policyJson, Form form, String accessKey, String secretKey)
            throws GeneralSecurityException {
        String policy = base64(policyJson);
        return form.add("AWSAccessKeyId", accessKey).add("policy", policy)
                .add("signature", sigV2Signature(secretKey, policy));
    }

    private static String sigV2Signature(String secret, String policy) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), policy));
    }

    private static Form sigV4(String policyJson, Form form) throws GeneralSecurityException {
        Instant now = Instant.now();
        String date = AMZ_DATE.format(now).substring(0, 8);
        String policy = base64(policyJson);
        byte[] key = hmac("HmacSHA256", ("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac("HmacSHA256", key, "us-east-1");
        key = hmac("HmacSHA256", key, "s3");
        key = hmac("HmacSHA256", key, "aws4_request");
        return form.add("x-amz-algorithm", "AWS4-HMAC-SHA256")
                .add("x-amz-credential", ACCESS_KEY + "/" + date + "/us-east-1/s3/aws4_request")
                .add("x-amz-date", AMZ_DATE.format(now))
                .add("policy", policy)
                .add("x-amz-signature", HexFormat.of().formatHex(hmac("HmacSHA256", key, policy)));
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String bucket, Form form, String... headers) throws Exception {
        String boundary = "----StowageFormBoundary" + System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(form, boundary)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipart(Form form, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Field field : form.fields) {
            StringBuilder part = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field.name()).append('"');
            if (field.filename() != null) {
                part.append("; filename=\"").append(field.filename()).append('"');
            }
            part.append("\r\n\r\n").append(field.value()).append("\r\n");
            body.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("<Code>" + code + "</Code>");
    }

    private void assertNotStored(String bucket, String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
