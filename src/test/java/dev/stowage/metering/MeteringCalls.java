package dev.stowage.metering;

import dev.stowage.metering.cloudstack.CloudStackSignature;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Signed calls to the metering endpoint: UTAPI ListMetrics (SigV4, by the AWS SDK's signer) and CloudStack. */
public final class MeteringCalls {
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MeteringCalls() {}

    public static URI uri(int port, String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /** A ListMetrics call to {@code path} ({@code /buckets}, ...) signed with SigV4 (service s3). */
    public static HttpResponse<String> utapi(int port, String path, String body, String key, String secret) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri(port, path + "?Action=ListMetrics"))
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amz-content-sha256", sha)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(key, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A usage API call signed the CloudStack way. */
    public static HttpResponse<String> cloudstack(int port, String key, String secret, Param... given) throws Exception {
        List<Param> params = new ArrayList<>(List.of(given));
        params.add(new Param("apiKey", key));
        String signature = CloudStackSignature.sign(secret, CloudStackSignature.stringToSign(params));
        StringBuilder query = new StringBuilder();
        for (Param p : params) {
            query.append(query.isEmpty() ? "" : "&").append(p.name()).append('=')
                    .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8));
        }
        query.append("&signature=").append(URLEncoder.encode(signature, StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(uri(port, "/client/api?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a new user's first SDK request until the gateway knows the user's key (bounded). */
    public static void once(Runnable request) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                request.run();
                return;
            } catch (S3Exception e) {
                if (i >= 50 || e.statusCode() != 403) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The HTTP status of an SDK request: 200 when it succeeds. */
    public static int status(Supplier<?> request) {
        try {
            request.get();
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }
}
