package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What every integration test starts from: the running gateway's endpoint and an AWS SDK v2 client with default
 * settings (so it sends streaming, checksummed uploads) signed as the system user of the test profile.
 */
public abstract class S3TestSupport {
    /** The system user of the test profile (application.properties, %test). */
    public static final String ACCESS_KEY = "0123456789abcdefTEST";

    public static final String SECRET_KEY = "TestSecretKeyTestSecretKeyTestSecretKey0";
    public static final String USER_ID = "0123456789abcdef";
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final HttpClient ANONYMOUS = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    protected URL endpointUrl;

    protected S3Client s3;

    @BeforeEach
    void createClient() {
        s3 = client(ACCESS_KEY, SECRET_KEY);
    }

    protected URI endpoint() {
        return URI.create(endpointUrl.toString().replaceAll("/$", ""));
    }

    protected S3Client client(String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
    }

    protected S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** The status of an unsigned GET of {@code path} (an anonymous caller, as a browser). */
    protected int anonymousGet(String path) throws Exception {
        return ANONYMOUS.send(HttpRequest.newBuilder(URI.create(endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Asserts that {@code call} fails with this S3 status and error code. */
    protected static void assertS3Error(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    /** A fresh bucket, named after the test class, created through the SDK. */
    protected String newBucket() {
        String name = (getClass().getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
                + System.nanoTime() % 1_000_000_000 + "-" + BUCKETS.incrementAndGet());
        name = name.length() > 63 ? name.substring(name.length() - 63) : name;
        if (!Character.isLetterOrDigit(name.charAt(0))) {
            name = "b" + name.substring(1);
        }
        String bucket = name;
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }
}
