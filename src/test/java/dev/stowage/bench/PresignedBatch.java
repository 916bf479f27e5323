package dev.stowage.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * For {@code bin/bench wrk-put-delete}: creates a fresh bucket and writes two files of request targets (path and
 * query, one a line), presigned PUT URLs for {@code count} distinct keys and presigned DELETE URLs for the same
 * keys, valid two hours; wrk sends each once ({@code bin/wrk-once.lua}). Presigned URLs sign only the host, so wrk
 * needs no per-request signing, and the server's own cost of a small PUT or DELETE shows, without the SDK client
 * that saturates this machine first. Prints the bucket's name.
 *
 * <p>Arguments: endpoint, access key, secret key, count, output directory, [region]. With {@code --drop}
 * instead of a count: deletes the bucket named by the fifth argument and any object left in it.
 */
public final class PresignedBatch {
    private PresignedBatch() {}

    public static void main(String[] args) throws IOException {
        S3Benchmark.quietLogging();
        if (args.length < 5) {
            System.err.println("usage: PresignedBatch <endpoint> <access-key> <secret-key> <count> <out-dir> [region]");
            System.err.println("       PresignedBatch <endpoint> <access-key> <secret-key> --drop <bucket> [region]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0].replaceAll("/+$", ""));
        String region = args.length > 5 ? args[5] : "us-east-1";
        try (S3Client s3 = Clients.s3(endpoint, args[1], args[2], region, 16, true)) {
            if (args[3].equals("--drop")) {
                Populator.deleteBucket(s3, args[4], Duration.ofMinutes(3));
                return;
            }
            int count = Integer.parseInt(args[3]);
            Path out = Path.of(args[4]);
            String bucket = String.format(Locale.ROOT, "stowage-bench-wrk-%d", System.currentTimeMillis());
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException e) {
                // the same millisecond twice: reused, it is empty anyway
            }
            Files.createDirectories(out);
            try (S3Presigner presigner = Clients.presigner(endpoint, args[1], args[2], region);
                    PrintWriter puts = writer(out.resolve("put.targets"));
                    PrintWriter deletes = writer(out.resolve("delete.targets"))) {
                Duration valid = Duration.ofHours(2);
                for (int i = 0; i < count; i++) {
                    String key = String.format(Locale.ROOT, "wrk/%08d", i);
                    puts.println(target(presigner.presignPutObject(p -> p.signatureDuration(valid)
                            .putObjectRequest(r -> r.bucket(bucket).key(key))).url()));
                    deletes.println(target(presigner.presignDeleteObject(p -> p.signatureDuration(valid)
                            .deleteObjectRequest(r -> r.bucket(bucket).key(key))).url()));
                }
            }
            System.out.println(bucket);
        }
    }

    private static PrintWriter writer(Path file) throws IOException {
        return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII));
    }

    /** The request target wrk sends: the URL's path and query, as encoded. */
    private static String target(URL url) {
        return url.getFile();
    }
}
