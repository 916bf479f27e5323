package dev.stowage.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * For {@code bin/bench wrk-get}: puts one 4 KiB object and prints a presigned GET URL for it (valid one hour), which
 * wrk can fetch as is since it needs no headers. Arguments: endpoint, access key, secret key, [region].
 */
public final class PresignedGet {
    static final String BUCKET = "stowage-bench-wrk";
    static final String KEY = "wrk-4k";

    private PresignedGet() {}

    public static void main(String[] args) {
        S3Benchmark.quietLogging();
        if (args.length < 3) {
            System.err.println("usage: PresignedGet <endpoint> <access-key> <secret-key> [region]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0].replaceAll("/+$", ""));
        String region = args.length > 3 ? args[3] : "us-east-1";
        try (S3Client s3 = Clients.s3(endpoint, args[1], args[2], region, 1, true);
                S3Presigner presigner = Clients.presigner(endpoint, args[1], args[2], region)) {
            try {
                s3.createBucket(b -> b.bucket(BUCKET));
            } catch (BucketAlreadyOwnedByYouException e) {
                // kept from an earlier run
            }
            s3.putObject(b -> b.bucket(BUCKET).key(KEY), Payload.body(Payload.random(4096, 4096)));
            String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofHours(1))
                    .getObjectRequest(g -> g.bucket(BUCKET).key(KEY))).url().toString();
            System.out.println(url);
        }
    }
}
