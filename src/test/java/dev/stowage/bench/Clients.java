package dev.stowage.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The AWS SDK v2 clients the benchmark uses: the sync client on the Apache (4) HTTP client, path-style, with the
 * SDK's default checksum behaviour. The measuring client never retries (a failed call counts as an error instead
 * of hiding in a slower latency); the one for set-up and clean-up keeps the SDK's default retries.
 */
final class Clients {
    private Clients() {}

    @SuppressWarnings("deprecation") // ApacheHttpClient: Apache5HttpClient succeeds it; this measures the common one
    static S3Client s3(URI endpoint, String accessKey, String secretKey, String region, int maxConnections,
            boolean retries) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(Math.max(80, maxConnections))
                        .connectionTimeout(Duration.ofSeconds(10))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                        .socketTimeout(Duration.ofSeconds(120)))
                .overrideConfiguration(c -> {
                    c.apiCallTimeout(Duration.ofMinutes(5));
                    if (!retries) {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }

    static S3Presigner presigner(URI endpoint, String accessKey, String secretKey, String region) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
