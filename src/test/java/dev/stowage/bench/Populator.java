package dev.stowage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Unmeasured set-up and tear-down: filling buckets with objects and emptying them again, each bounded in time. */
final class Populator {
    /** Concurrency of set-up and clean-up. */
    static final int CONCURRENCY = 32;

    private static final int MAX_LIST_PAGES = 10_000;

    private Populator() {}

    /** Puts every key with {@code body}; fails when not all of them were stored within {@code limit}. */
    static void putAll(S3Client s3, String bucket, List<String> keys, byte[] body, Duration limit) {
        AtomicInteger next = new AtomicInteger();
        LoadRunner.Phase phase = LoadRunner.run(Math.min(CONCURRENCY, Math.max(1, keys.size())), limit, keys.size(), 1,
                thread -> {
                    int i = next.getAndIncrement();
                    if (i >= keys.size()) {
                        throw new LoadRunner.Exhausted();
                    }
                    s3.putObject(b -> b.bucket(bucket).key(keys.get(i)), Payload.body(body));
                    return 0;
                });
        if (phase.ok() != keys.size()) {
            throw new IllegalStateException("populating " + bucket + " stored " + phase.ok() + " of " + keys.size()
                    + " objects in " + limit.toSeconds() + " s" + (phase.firstError() == null ? ""
                            : "; first error: " + phase.firstError()));
        }
    }

    /** Every key of the bucket, listed page by page (bounded in pages). */
    static List<String> listAll(S3Client s3, String bucket) {
        List<String> keys = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String continuation = token;
            ListObjectsV2Response r =
                    s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1000).continuationToken(continuation));
            r.contents().forEach(o -> keys.add(o.key()));
            if (!Boolean.TRUE.equals(r.isTruncated())) {
                break;
            }
            token = r.nextContinuationToken();
        }
        return keys;
    }

    /**
     * Deletes every object of the bucket and then the bucket, within {@code limit}; returns false (and leaves the rest)
     * when time ran out or the server refused.
     */
    static boolean deleteBucket(S3Client s3, String bucket, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (int page = 0; page < MAX_LIST_PAGES && System.nanoTime() < deadline; page++) {
                List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1000)).contents().stream()
                        .map(S3Object::key).toList();
                if (keys.isEmpty()) {
                    s3.deleteBucket(b -> b.bucket(bucket));
                    return true;
                }
                AtomicInteger next = new AtomicInteger();
                LoadRunner.run(Math.min(CONCURRENCY, keys.size()),
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), keys.size(), 1, thread -> {
                            int i = next.getAndIncrement();
                            if (i >= keys.size()) {
                                throw new LoadRunner.Exhausted();
                            }
                            s3.deleteObject(b -> b.bucket(bucket).key(keys.get(i)));
                            return 0;
                        });
            }
        } catch (NoSuchBucketException e) {
            return true;
        } catch (RuntimeException e) {
            System.out.println("  ! cleanup of " + bucket + " failed: " + e.getMessage());
            return false;
        }
        System.out.println("  ! cleanup of " + bucket + " ran out of time (" + limit.toSeconds() + " s); left as is");
        return false;
    }
}
