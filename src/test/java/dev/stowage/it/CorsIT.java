package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket CORS: ?cors PUT/GET/DELETE, browser preflights answered from the rules, headers on actual responses. */
@QuarkusTest
class CorsIT extends S3TestSupport {
    private final HttpClient http = HttpClient.newHttpClient();

    private static final CORSRule UPLOADS = CORSRule.builder().id("uploads")
            .allowedOrigins("https://app.example.com").allowedMethods("PUT", "POST").allowedHeaders("x-amz-*", "content-type")
            .exposeHeaders("ETag", "x-amz-request-id").maxAgeSeconds(3000).build();
    private static final CORSRule READS = CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "HEAD").build();

    private String corsBucket() {
        String bucket = newBucket();
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(CORSConfiguration.builder().corsRules(UPLOADS, READS).build()));
        return bucket;
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void bucketCors_putGetDelete_roundTripsAndIsGoneAfterDelete() {
        String bucket = newBucket();
        assertError(() -> s3.getBucketCors(b -> b.bucket(bucket)), 404, "NoSuchCORSConfiguration");
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(CORSConfiguration.builder().corsRules(UPLOADS, READS).build()));
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).containsExactly(UPLOADS, READS);
        s3.deleteBucketCors(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketCors(b -> b.bucket(bucket)), 404, "NoSuchCORSConfiguration");
    }

    @Test
    void configurationPuts_checkTheirContentMd5() {
        String bucket = newBucket();
        String otherMd5 = "1B2M2Y8AsgTpgAmY7PhCfg=="; // the MD5 of an empty body
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(READS))
                .overrideConfiguration(o -> o.putHeader("Content-MD5", "invalid"))), 400, "InvalidDigest");
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(READS))
                .overrideConfiguration(o -> o.putHeader("Content-MD5", otherMd5))), 400, "BadDigest");
        assertError(() -> s3.getBucketCors(b -> b.bucket(bucket)), 404, "NoSuchCORSConfiguration");
        assertError(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(g -> g.key("k").value("v")))
                .overrideConfiguration(o -> o.putHeader("Content-MD5", otherMd5))), 400, "BadDigest");
        assertError(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet");
    }

    @Test
    void putBucketCors_invalidRules_getAwsErrors() {
        String bucket = newBucket();
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("PATCH").build()))), 400, "InvalidRequest");
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("https://*.*.example.com").allowedMethods("GET").build()))), 400,
                "InvalidRequest");
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").exposeHeaders("x-*").build()))), 400,
                "InvalidRequest");
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedMethods("GET").build()))), 400, "MalformedXML");
        assertError(() -> s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").allowedHeaders("X(Custom)").build()))),
                400, "InvalidRequest");
        assertError(() -> s3.getBucketCors(b -> b.bucket(bucket)), 404, "NoSuchCORSConfiguration");
    }

    @Test
    void preflight_matchingRule_isAnsweredWithoutAuthentication() throws Exception {
        String bucket = corsBucket();
        HttpResponse<String> response = send("OPTIONS", "/" + bucket + "/uploads/file.bin",
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "Content-Type, X-Amz-Meta-Color");
        assertThat(response.statusCode()).isEqualTo(200);
        var h = response.headers();
        assertThat(h.firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(h.firstValue("Access-Control-Allow-Methods")).contains("PUT, POST");
        assertThat(h.firstValue("Access-Control-Allow-Headers")).contains("content-type, x-amz-meta-color");
        assertThat(h.firstValue("Access-Control-Expose-Headers")).contains("ETag, x-amz-request-id");
        assertThat(h.firstValue("Access-Control-Max-Age")).contains("3000");
        assertThat(h.firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(h.allValues("Vary").toString()).contains("Origin");

        HttpResponse<String> any = send("OPTIONS", "/" + bucket, "Origin", "https://elsewhere.example",
                "Access-Control-Request-Method", "GET");
        assertThat(any.statusCode()).isEqualTo(200);
        assertThat(any.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(any.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void preflight_notAllowed_isRefusedAsAws() throws Exception {
        String bucket = corsBucket();
        HttpResponse<String> wrongOrigin = send("OPTIONS", "/" + bucket + "/k", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "PUT");
        assertThat(wrongOrigin.statusCode()).isEqualTo(403);
        assertThat(wrongOrigin.body()).contains("<Code>AccessForbidden</Code>")
                .contains("CORSResponse: This CORS request is not allowed.")
                .contains("<Method>PUT</Method>").contains("<ResourceType>OBJECT</ResourceType>");
        assertThat(wrongOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> wrongHeader = send("OPTIONS", "/" + bucket + "/k", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization-extra");
        assertThat(wrongHeader.statusCode()).isEqualTo(403);

        HttpResponse<String> noOrigin = send("OPTIONS", "/" + bucket + "/k", "Access-Control-Request-Method", "GET");
        assertThat(noOrigin.statusCode()).isEqualTo(400);
        assertThat(noOrigin.body()).contains("<Code>BadRequest</Code>")
                .contains("Insufficient information. Origin request header needed.");

        HttpResponse<String> badMethod = send("OPTIONS", "/" + bucket + "/k", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PATCH");
        assertThat(badMethod.statusCode()).isEqualTo(400);

        String plain = newBucket();
        HttpResponse<String> noRules = send("OPTIONS", "/" + plain + "/k", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "GET");
        assertThat(noRules.statusCode()).isEqualTo(403);
        assertThat(noRules.body()).contains("CORSResponse: CORS is not enabled for this bucket.");
    }

    @Test
    void actualRequest_withMatchingOrigin_getsCorsHeadersOnSuccessAndError() throws Exception {
        String bucket = corsBucket();
        s3.putObject(b -> b.bucket(bucket).key("public.txt").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("hello"));
        HttpResponse<String> ok = send("GET", "/" + bucket + "/public.txt", "Origin", "https://site.example");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("hello");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD");
        assertThat(ok.headers().allValues("Vary").toString()).contains("Origin");

        HttpResponse<String> denied = send("GET", "/" + bucket + "/private.txt", "Origin", "https://site.example");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).contains("*");

        // DELETE matches no rule: no CORS headers
        HttpResponse<String> unmatched = send("DELETE", "/" + bucket + "/public.txt", "Origin", "https://site.example");
        assertThat(unmatched.statusCode()).isEqualTo(403);
        assertThat(unmatched.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // without an Origin, no CORS headers either
        HttpResponse<String> plain = send("GET", "/" + bucket + "/public.txt");
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("public.txt")).asUtf8String()).isEqualTo("hello");
    }
}
