package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Authentication through real requests: SigV4 presigned URLs, SigV4 header signing with a wrong clock, SigV2
 * header and query signing, the ostor rule of the V2 canonical resource, and the S3 error XML of each refusal.
 */
@QuarkusTest
class SignatureIT extends S3TestSupport {
    private static final byte[] DATA = "signature test payload \u00e9\u00e8".getBytes(StandardCharsets.UTF_8);
    private static final Pattern SIGNATURE_PARAM = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private String bucketWithObject() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(DATA));
        return bucket;
    }

    private String host() {
        return endpointUrl.getHost() + ":" + endpointUrl.getPort();
    }

    private RawHttp.Response raw(RawHttp.Request request) throws IOException {
        return RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(), request);
    }

    private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Code, Message, Resource and RequestId of an S3 error body; RequestId equal to the x-amz-request-id header. */
    private static Document assertS3Error(int status, Map<String, List<String>> headers, byte[] body, int expectedStatus,
            String expectedCode) {
        assertThat(status).as("status; body: %s", new String(body, StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
        Document doc = parse(body);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("Error");
        assertThat(text(doc, "Code")).isEqualTo(expectedCode);
        assertThat(text(doc, "Message")).isNotBlank();
        assertThat(text(doc, "Resource")).isNotNull();
        String requestId = text(doc, "RequestId");
        assertThat(requestId).isNotBlank();
        List<String> idHeader = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("x-amz-request-id"))
                .flatMap(e -> e.getValue().stream())
                .toList();
        assertThat(idHeader).containsExactly(requestId);
        return doc;
    }

    private static Document assertS3Error(HttpResponse<byte[]> r, int expectedStatus, String expectedCode) {
        return assertS3Error(r.statusCode(), r.headers().map(), r.body(), expectedStatus, expectedCode);
    }

    private static Document assertS3Error(RawHttp.Response r, int expectedStatus, String expectedCode) {
        assertThat(r.closedWithoutResponse()).as("the gateway answered").isFalse();
        return assertS3Error(r.status(), r.headers(), r.body(), expectedStatus, expectedCode);
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(Document doc, String element) {
        var nodes = doc.getElementsByTagName(element);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** A request signed by the SDK's own SigV4 signer with the given clock, in the header or presigned in the query. */
    private SdkHttpFullRequest sdkSigned(SdkHttpMethod method, String path, Clock clock, AuthLocation location) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(method)
                .uri(URI.create(endpoint() + path));
        if (location == AuthLocation.HEADER) {
            unsigned.putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        }
        SdkHttpFullRequest request = unsigned.build();
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, location)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock);
            if (location == AuthLocation.QUERY_STRING) {
                r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60));
            }
        });
        return (SdkHttpFullRequest) signed.request();
    }

    private RawHttp.Request asRaw(SdkHttpFullRequest signed) {
        String target = signed.encodedPath() + signed.encodedQueryParameters().map(q -> "?" + q).orElse("");
        RawHttp.Request request = new RawHttp.Request(signed.method().name(), target);
        boolean hasHost = false;
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            hasHost |= h.getKey().equalsIgnoreCase("Host");
            for (String v : h.getValue()) {
                request.header(h.getKey(), v);
            }
        }
        if (!hasHost) {
            request.header("Host", host());
        }
        return request;
    }

    // ---- SigV4 presigned ----

    @Test
    void presignedGet_fetchedWithoutHeaders_returnsTheBytes() throws Exception {
        String bucket = bucketWithObject();
        URI url = presigner().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("obj"))).url().toURI();
        assertThat(url.getQuery()).contains("X-Amz-Signature=");

        HttpResponse<byte[]> response = get(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DATA);
        assertThat(response.headers().firstValue("x-amz-request-id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    @Test
    void presignedGet_overHttp2Upgrade_signsTheAuthorityAsHost() throws Exception {
        String bucket = bucketWithObject();
        URI url = presigner().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("obj"))).url().toURI();
        // Java's default client upgrades to h2c and then sends :authority instead of Host
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> response = http2.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("request %d over %s", i, response.version()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(DATA);
        }
    }

    @Test
    void presignedGet_oneSignatureCharacterChanged_isSignatureDoesNotMatchInS3ErrorXml() throws Exception {
        String bucket = bucketWithObject();
        String url = presigner().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("obj"))).url().toString();
        Matcher m = SIGNATURE_PARAM.matcher(url);
        assertThat(m.find()).isTrue();
        String tampered = url.substring(0, m.start(1)) + TestSignatures.flipHex(m.group(1)) + url.substring(m.end(1));

        HttpResponse<byte[]> response = get(URI.create(tampered));

        Document error = assertS3Error(response, 403, "SignatureDoesNotMatch");
        assertThat(text(error, "Resource")).isEqualTo("/" + bucket + "/obj");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain(new String(DATA, StandardCharsets.UTF_8));
    }

    @Test
    void presignedGet_signedTwoHoursAgoForSixtySeconds_isAccessDeniedExpired() throws Exception {
        String bucket = bucketWithObject();
        Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        URI expired = sdkSigned(SdkHttpMethod.GET, "/" + bucket + "/obj", twoHoursAgo, AuthLocation.QUERY_STRING).getUri();
        URI fresh = sdkSigned(SdkHttpMethod.GET, "/" + bucket + "/obj", Clock.systemUTC(), AuthLocation.QUERY_STRING).getUri();
        assertThat(expired.getQuery()).contains("X-Amz-Expires=60");

        HttpResponse<byte[]> refused = get(expired);
        HttpResponse<byte[]> served = get(fresh);

        Document error = assertS3Error(refused, 403, "AccessDenied");
        assertThat(text(error, "Message")).containsIgnoringCase("expired");
        assertThat(served.statusCode()).as("the same signer with the current clock").isEqualTo(200);
        assertThat(served.body()).isEqualTo(DATA);
    }

    @Test
    void presignedPut_uploadedWithPlainHttp_isReadableThroughTheSdk() throws Exception {
        String bucket = newBucket();
        URI url = presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key("uploaded"))).url().toURI();

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(DATA)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploaded")).asByteArray()).isEqualTo(DATA);
    }

    // ---- SigV4 header, through the SDK ----

    @Test
    void sdkClient_wrongSecretKey_isSignatureDoesNotMatch403() {
        String bucket = bucketWithObject();
        try (S3Client wrong = client(ACCESS_KEY, "wrong" + SECRET_KEY.substring(5))) {
            assertThatThrownBy(() -> wrong.getObjectAsBytes(b -> b.bucket(bucket).key("obj")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void sdkClient_unknownAccessKey_isInvalidAccessKeyId403() {
        String bucket = bucketWithObject();
        try (S3Client unknown = client("AKIANOTAUSERATALL000", SECRET_KEY)) {
            assertThatThrownBy(() -> unknown.getObjectAsBytes(b -> b.bucket(bucket).key("obj")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
    }

    @Test
    void anonymousGet_ofBucketAndOfObject_isAccessDeniedInS3Xml() throws Exception {
        String bucket = bucketWithObject();

        HttpResponse<byte[]> listing = get(URI.create(endpoint() + "/" + bucket));
        HttpResponse<byte[]> object = get(URI.create(endpoint() + "/" + bucket + "/obj"));

        assertS3Error(listing, 403, "AccessDenied");
        assertS3Error(object, 403, "AccessDenied");
        assertThat(new String(object.body(), StandardCharsets.UTF_8)).doesNotContain("signature test payload");
    }

    @Test
    void sigV4Header_amzDateTwentyMinutesOld_isRequestTimeTooSkewed() throws Exception {
        String bucket = bucketWithObject();
        Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));

        RawHttp.Response skewed = raw(asRaw(sdkSigned(SdkHttpMethod.GET, "/" + bucket + "/obj", twentyMinutesAgo,
                AuthLocation.HEADER)));
        RawHttp.Response current = raw(asRaw(sdkSigned(SdkHttpMethod.GET, "/" + bucket + "/obj", Clock.systemUTC(),
                AuthLocation.HEADER)));

        assertS3Error(skewed, 403, "RequestTimeTooSkewed");
        assertThat(current.status()).as("the same signer with the current clock: %s", current).isEqualTo(200);
        assertThat(current.body()).isEqualTo(DATA);
    }

    // ---- SigV2 ----

    @Test
    void sigV2Header_get_returnsTheBytes() throws Exception {
        String bucket = bucketWithObject();
        String date = TestSignatures.rfc1123(Instant.now());
        String signature = TestSignatures.sigV2(SECRET_KEY, "GET\n\n\n" + date + "\n/" + bucket + "/obj");

        RawHttp.Response response = raw(new RawHttp.Request("GET", "/" + bucket + "/obj")
                .header("Host", host())
                .header("Date", date)
                .header("Authorization", "AWS " + ACCESS_KEY + ":" + signature));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DATA);
        assertThat(response.header("x-amz-request-id")).isNotBlank();
    }

    @Test
    void sigV2Header_putWithContentTypeAndContentMd5_isStored() throws Exception {
        String bucket = newBucket();
        String date = TestSignatures.rfc1123(Instant.now());
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(DATA));
        String type = "text/plain; charset=utf-8";
        String authorization = TestSignatures.sigV2Authorization(ACCESS_KEY, SECRET_KEY, "PUT", md5, type, date,
                "/" + bucket + "/v2put");

        RawHttp.Response response = raw(new RawHttp.Request("PUT", "/" + bucket + "/v2put")
                .header("Host", host())
                .header("Date", date)
                .header("Content-Type", type)
                .header("Content-MD5", md5)
                .header("Authorization", authorization)
                .body(DATA));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        var stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("v2put"));
        assertThat(stored.asByteArray()).isEqualTo(DATA);
        assertThat(stored.response().contentType()).isEqualTo(type);
    }

    @Test
    void sigV2Header_contentMd5NotSigned_isSignatureDoesNotMatch() throws Exception {
        String bucket = newBucket();
        String date = TestSignatures.rfc1123(Instant.now());
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(DATA));
        // Signed as if there were no Content-MD5: the header sent must be part of the string to sign.
        String authorization = TestSignatures.sigV2Authorization(ACCESS_KEY, SECRET_KEY, "PUT", null, null, date,
                "/" + bucket + "/v2put");

        RawHttp.Response response = raw(new RawHttp.Request("PUT", "/" + bucket + "/v2put")
                .header("Host", host())
                .header("Date", date)
                .header("Content-MD5", md5)
                .header("Authorization", authorization)
                .body(DATA));

        assertS3Error(response, 403, "SignatureDoesNotMatch");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("v2put")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void sigV2PresignedQuery_returnsTheBytes() throws Exception {
        String bucket = bucketWithObject();
        long expires = Instant.now().plusSeconds(300).getEpochSecond();
        String query = TestSignatures.sigV2PresignedQuery(ACCESS_KEY, SECRET_KEY, "GET", expires, "/" + bucket + "/obj");

        HttpResponse<byte[]> response = get(URI.create(endpoint() + "/" + bucket + "/obj?" + query));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.body()).isEqualTo(DATA);
    }

    @Test
    void sigV2PresignedQuery_expiredOneMinuteAgo_isAccessDenied() throws Exception {
        String bucket = bucketWithObject();
        long expires = Instant.now().minusSeconds(60).getEpochSecond();
        String query = TestSignatures.sigV2PresignedQuery(ACCESS_KEY, SECRET_KEY, "GET", expires, "/" + bucket + "/obj");

        HttpResponse<byte[]> response = get(URI.create(endpoint() + "/" + bucket + "/obj?" + query));

        Document error = assertS3Error(response, 403, "AccessDenied");
        assertThat(text(error, "Message")).containsIgnoringCase("expired");
    }

    @Test
    void sigV2Header_wrongSecret_isSignatureDoesNotMatch() throws Exception {
        String bucket = bucketWithObject();
        String date = TestSignatures.rfc1123(Instant.now());
        String authorization = TestSignatures.sigV2Authorization(ACCESS_KEY, "wrong" + SECRET_KEY, "GET", null, null,
                date, "/" + bucket + "/obj");

        RawHttp.Response response = raw(new RawHttp.Request("GET", "/" + bucket + "/obj")
                .header("Host", host())
                .header("Date", date)
                .header("Authorization", authorization));

        assertS3Error(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void sigV2Header_dateTwentyMinutesOld_isRequestTimeTooSkewed() throws Exception {
        String bucket = bucketWithObject();
        String date = TestSignatures.rfc1123(Instant.now().minus(Duration.ofMinutes(20)));
        String authorization = TestSignatures.sigV2Authorization(ACCESS_KEY, SECRET_KEY, "GET", null, null, date,
                "/" + bucket + "/obj");

        RawHttp.Response response = raw(new RawHttp.Request("GET", "/" + bucket + "/obj")
                .header("Host", host())
                .header("Date", date)
                .header("Authorization", authorization));

        assertS3Error(response, 403, "RequestTimeTooSkewed");
    }

    // ---- The ostor rule of SigV2: canonical resource "/?ostor-users", the query's first word only ----

    /** As the ostor admin guide's s3_curl does: HMAC-SHA1 over "GET\n\n\n" + `date -R` + "\n/?ostor-users". */
    private RawHttp.Request ostorUsersRequest(String secret) {
        String date = TestSignatures.rfc2822(Instant.now());
        String signature = TestSignatures.sigV2(secret, "GET\n\n\n" + date + "\n/?ostor-users");
        return new RawHttp.Request("GET", "/?ostor-users&emailAddress=x@y.z")
                .header("Host", host())
                .header("Date", date)
                .header("Authorization", "AWS " + ACCESS_KEY + ":" + signature);
    }

    @Test
    void ostorUsers_signedLikeTheOstorScript_passesAuthentication() throws Exception {
        RawHttp.Response response = raw(ostorUsersRequest(SECRET_KEY));

        // authenticated as the system user, the service answers: no user x@y.z
        assertOstorError(response, 404, "NoSuchUser");
    }

    @Test
    void ostorUsers_wrongSignature_isRefusedBeforeTheServiceIsConsidered() throws Exception {
        RawHttp.Response response = raw(ostorUsersRequest("wrong" + SECRET_KEY));

        assertOstorError(response, 403, "SignatureDoesNotMatch");
    }

    @Test
    void ostorUsers_anonymous_isAccessDenied() throws Exception {
        RawHttp.Response response = raw(new RawHttp.Request("GET", "/?ostor-users&emailAddress=x@y.z")
                .header("Host", host()));

        assertOstorError(response, 403, "AccessDenied");
    }

    /** Answers to ostor requests are ostor errors: the status, X-Amz-Err-Code/-Message and a JSON body. */
    private static void assertOstorError(RawHttp.Response r, int expectedStatus, String expectedCode) {
        assertThat(r.closedWithoutResponse()).as("the gateway answered").isFalse();
        assertThat(r.status()).as("%s", r.text()).isEqualTo(expectedStatus);
        assertThat(r.header("X-Amz-Err-Code")).isEqualTo(expectedCode);
        assertThat(r.header("X-Amz-Err-Message")).isNotBlank();
        assertThat(r.header("x-amz-request-id")).isNotBlank();
        assertThat(r.text()).contains("\"Code\": \"" + expectedCode + "\"");
    }

    // ---- x-amz-request-id ----

    @Test
    void everyResponse_successOrError_carriesAUniqueRequestId() throws Exception {
        String bucket = bucketWithObject();
        List<RawHttp.Response> responses = new ArrayList<>();
        responses.add(raw(TestSignatures.v2Request("GET", "/" + bucket + "/obj", host())));          // 200
        responses.add(raw(TestSignatures.v2Request("HEAD", "/" + bucket + "/obj", host())));         // 200, no body
        responses.add(raw(TestSignatures.v2Request("GET", "/" + bucket + "/absent", host())));       // 404
        responses.add(raw(TestSignatures.v2Request("HEAD", "/" + bucket + "/absent", host())));      // 404, no body
        responses.add(raw(new RawHttp.Request("GET", "/" + bucket + "/obj").header("Host", host()))); // 403
        responses.add(raw(new RawHttp.Request("GET", "/" + bucket + "/%ff%fe").header("Host", host()))); // 400 InvalidURI
        responses.add(raw(TestSignatures.v2Request("DELETE", "/" + bucket + "/obj", host())));       // 204
        assertThat(responses).extracting(RawHttp.Response::status).containsExactly(200, 200, 404, 404, 403, 400, 204);

        Set<String> ids = new HashSet<>();
        for (RawHttp.Response r : responses) {
            assertThat(r.header("x-amz-request-id")).as("x-amz-request-id of %s", r).isNotBlank();
            ids.add(r.header("x-amz-request-id"));
        }
        assertThat(ids).as("request ids are unique").hasSize(responses.size());
    }
}
