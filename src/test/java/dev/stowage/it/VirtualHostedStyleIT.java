package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Virtual-hosted-style addressing: the bucket in the Host header ({@code bucket.localhost:port}, the default
 * {@code stowage.domains}), the key in the path. SigV2's canonical resource is then "/" + bucket + path.
 */
@QuarkusTest
class VirtualHostedStyleIT extends S3TestSupport {
    private static final byte[] DATA = "virtual hosted body".getBytes(StandardCharsets.UTF_8);

    private int port() {
        return endpointUrl.getPort();
    }

    private String virtualHost(String bucket) {
        return bucket + ".localhost:" + port();
    }

    private RawHttp.Response send(RawHttp.Request request) throws IOException {
        return RawHttp.send(endpointUrl.getHost(), port(), request);
    }

    /** A V2-signed request addressed virtual-hosted style; the canonical resource is "/" + bucket + path. */
    private RawHttp.Request virtualHosted(String method, String bucket, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        return TestSignatures.v2Request(method, target, virtualHost(bucket), "/" + bucket + path, Instant.now());
    }

    private RawHttp.Request virtualHostedPut(String bucket, String path, byte[] body, String contentType) {
        String date = TestSignatures.rfc1123(Instant.now());
        return new RawHttp.Request("PUT", path)
                .header("Host", virtualHost(bucket))
                .header("Date", date)
                .header("Content-Type", contentType)
                .header("Authorization", TestSignatures.sigV2Authorization(ACCESS_KEY, SECRET_KEY, "PUT", null,
                        contentType, date, "/" + bucket + path))
                .body(body);
    }

    @Test
    void putThenGet_virtualHosted_roundTripsAndIsTheSameObjectPathStyle() throws IOException {
        String bucket = newBucket();

        RawHttp.Response put = send(virtualHostedPut(bucket, "/dir/file.txt", DATA, "text/plain"));
        RawHttp.Response get = send(virtualHosted("GET", bucket, "/dir/file.txt"));
        RawHttp.Response pathStyle = send(TestSignatures.v2Request("GET", "/" + bucket + "/dir/file.txt",
                endpointUrl.getHost() + ":" + port()));

        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.header("ETag")).isNotBlank();
        assertThat(get.status()).as("%s", get).isEqualTo(200);
        assertThat(get.body()).isEqualTo(DATA);
        assertThat(get.header("Content-Type")).isEqualTo("text/plain");
        assertThat(pathStyle.status()).isEqualTo(200);
        assertThat(pathStyle.body()).isEqualTo(DATA);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/file.txt")).asByteArray()).isEqualTo(DATA);
    }

    @Test
    void listObjects_virtualHostedRoot_listsTheBucketNamedInTheHost() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a/one"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket(bucket).key("a/two"), RequestBody.fromString("2"));
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("3"));

        RawHttp.Response all = send(virtualHosted("GET", bucket, "/"));
        RawHttp.Response prefixed = send(virtualHosted("GET", bucket, "/?list-type=2&prefix=a%2F"));

        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(all.xml("Name")).isEqualTo(bucket);
        assertThat(keys(all)).containsExactly("a/one", "a/two", "b");
        assertThat(prefixed.status()).as("%s", prefixed).isEqualTo(200);
        assertThat(prefixed.xml("Prefix")).isEqualTo("a/");
        assertThat(keys(prefixed)).containsExactly("a/one", "a/two");
    }

    private static List<String> keys(RawHttp.Response listing) {
        var nodes = listing.document().getElementsByTagName("Key");
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    @Test
    void sigV2_virtualHostedSignedWithoutTheBucketInTheResource_isSignatureDoesNotMatch() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(DATA));

        // The canonical resource must be "/bucket/obj": "/obj" alone is what a broken client would sign.
        RawHttp.Response response = send(TestSignatures.v2Request("GET", "/obj", virtualHost(bucket), "/obj", Instant.now()));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.xml("Code")).isEqualTo("SignatureDoesNotMatch");
        assertThat(response.xml("StringToSign")).endsWith("\n/" + bucket + "/obj");
    }

    @Test
    void getObject_virtualHostedMissingBucket_isNoSuchBucket() throws IOException {
        String bucket = "vhost-absent-" + System.nanoTime();

        RawHttp.Response response = send(virtualHosted("GET", bucket, "/obj"));

        assertThat(response.status()).as("%s", response).isEqualTo(404);
        assertThat(response.xml("Code")).isEqualTo("NoSuchBucket");
        assertThat(response.header("x-amz-request-id")).isEqualTo(response.xml("RequestId"));
    }

    @Test
    void deleteObject_virtualHosted_removesThePathStyleObject() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromBytes(DATA));

        RawHttp.Response delete = send(virtualHosted("DELETE", bucket, "/gone"));

        assertThat(delete.status()).as("%s", delete).isEqualTo(204);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    // ---- The SDK with forcePathStyle(false) ----

    private S3Client virtualHostedSdk(Set<String> hostsSeen, ApacheHttpClient.Builder http) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(false)
                .httpClientBuilder(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        hostsSeen.add(context.httpRequest().host());
                    }
                }))
                .build();
    }

    private void roundTripThroughVirtualHostedSdk(ApacheHttpClient.Builder http) {
        String bucket = newBucket();
        Set<String> hosts = ConcurrentHashMap.newKeySet();
        try (S3Client sdk = virtualHostedSdk(hosts, http)) {
            sdk.putObject(b -> b.bucket(bucket).key("sdk/key"), RequestBody.fromBytes(DATA));
            assertThat(sdk.getObjectAsBytes(b -> b.bucket(bucket).key("sdk/key")).asByteArray()).isEqualTo(DATA);
            assertThat(sdk.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key).containsExactly("sdk/key");
        }
        assertThat(hosts).as("the SDK addressed the bucket in the host name").containsOnly(bucket + ".localhost");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sdk/key")).asByteArray()).isEqualTo(DATA);
    }

    @Test
    void sdkVirtualHosted_systemResolver_roundTrips() {
        String probe = "stowage-probe.localhost";
        boolean resolves;
        try {
            InetAddress.getByName(probe);
            resolves = true;
        } catch (UnknownHostException e) {
            resolves = false;
        }
        Assumptions.assumeTrue(resolves, probe + " does not resolve on this machine: the SDK cannot reach bucket.localhost");
        roundTripThroughVirtualHostedSdk(ApacheHttpClient.builder());
    }

    /**
     * RFC 6761 reserves {@code .localhost} for loopback, but not every resolver implements it. This variant gives
     * the SDK's HTTP client a resolver that does; the requests on the wire are exactly the SDK's own.
     */
    @Test
    void sdkVirtualHosted_rfc6761LoopbackResolver_roundTrips() {
        roundTripThroughVirtualHostedSdk(ApacheHttpClient.builder().dnsResolver(host -> host.endsWith(".localhost")
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                : InetAddress.getAllByName(host)));
    }
}
