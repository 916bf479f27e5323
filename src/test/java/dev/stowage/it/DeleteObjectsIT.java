package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** DeleteObjects through the AWS SDK and, where the SDK would not send it, as raw signed requests. */
@QuarkusTest
class DeleteObjectsIT extends S3TestSupport {

    private static List<ObjectIdentifier> ids(String... keys) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String k : keys) {
            ids.add(ObjectIdentifier.builder().key(k).build());
        }
        return ids;
    }

    @Test
    void deleteObjects_existingAndMissingKeys_areAllReportedDeleted() {
        String bucket = newBucket();
        for (String k : List.of("a", "b/c", "d")) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids("a", "b/c", "nope"))));
        assertThat(r.deleted()).extracting(o -> o.key()).containsExactly("a", "b/c", "nope");
        assertThat(r.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("d");
    }

    @Test
    void deleteObjects_quiet_reportsNothingOnSuccess() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a"));
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true).objects(ids("a"))));
        assertThat(r.deleted()).isEmpty();
        assertThat(r.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deleteObjects_thousandKeys_areAccepted_moreAreMalformedXml() {
        String bucket = newBucket();
        String[] thousand = IntStream.range(0, 1000).mapToObj(i -> "k" + i).toArray(String[]::new);
        assertThat(s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids(thousand)))).deleted()).hasSize(1000);
        String[] more = IntStream.range(0, 1001).mapToObj(i -> "k" + i).toArray(String[]::new);
        assertThatThrownBy(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids(more)))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML"));
    }

    @Test
    void deleteObjects_keyTooLong_isAPerKeyError() {
        String bucket = newBucket();
        String longKey = "x".repeat(1100);
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids("ok", longKey))));
        assertThat(r.deleted()).extracting(o -> o.key()).containsExactly("ok");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(longKey);
            assertThat(e.code()).isEqualTo("KeyTooLongError");
        });
    }

    @Test
    void deleteObjects_withoutContentMd5OrChecksum_isInvalidRequest() throws Exception {
        String bucket = newBucket();
        byte[] body = "<Delete><Object><Key>a</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post(bucket, body, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidRequest</Code>")
                .contains("Missing required header for this request: Content-MD5");
    }

    @Test
    void deleteObjects_wrongContentMd5_isBadDigest_rightOneWorks() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a"));
        byte[] body = "<Delete><Object><Key>a</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> bad = post(bucket, body, "1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        HttpResponse<String> good = post(bucket, body, md5);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("<Deleted><Key>a</Key></Deleted>");
    }

    /** A SigV4-signed POST ?delete with the body as given and Content-MD5 only when not null. */
    private HttpResponse<String> post(String bucket, byte[] body, String contentMd5) throws Exception {
        URI uri = URI.create(endpoint() + "/" + bucket + "?delete");
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/xml");
        if (contentMd5 != null) {
            unsigned.putHeader("Content-MD5", contentMd5);
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET_KEY))
                .request(unsigned.build())
                .payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
