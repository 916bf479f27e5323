package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.observe.RequestRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UsageCollectorTest {
    private static RequestRecord record(String action, String user, String bucket, long epoch, long in, long out) {
        return new RequestRecord("id", action, "GET", user, bucket, epoch, 200, null, in, out, 1);
    }

    @Test
    void completed_countsEachClassAndBothDirections_perBucketEpochAndUser() {
        UsageCollector c = new UsageCollector(true);
        c.completed(record("PutObject", "u1", "b", 7, 100, 0));
        c.completed(record("GetObject", "u1", "b", 7, 0, 40));
        c.completed(record("HeadObject", "u1", "b", 7, 0, 0));
        c.completed(record("ListObjectsV2", "u1", "b", 7, 0, 500));
        c.completed(record("DeleteObject", "u1", "b", 7, 0, 0));
        c.completed(record("GetObject", "u2", "b", 7, 0, 243));
        c.completed(record("GetObject", "u1", "b", 8, 0, 1));

        Map<UsageKey, UsageCounts> counts = c.drain();

        assertThat(counts).containsOnly(
                Map.entry(new UsageKey("b", 7, "u1", ""), new UsageCounts(1, 2, 1, 1, 100, 540)),
                Map.entry(new UsageKey("b", 7, "u2", ""), new UsageCounts(0, 1, 0, 0, 0, 243)),
                Map.entry(new UsageKey("b", 8, "u1", ""), new UsageCounts(0, 1, 0, 0, 0, 1)));
        assertThat(c.drain()).as("a second drain has nothing new").isEmpty();
    }

    @Test
    void completed_anonymousOrWithoutBucketOrCollectionOff_isNotCounted() {
        UsageCollector on = new UsageCollector(true);
        on.completed(record("GetObject", null, "b", 7, 0, 10));
        on.completed(record("ListBuckets", "u1", null, 0, 0, 10));
        assertThat(on.drain()).isEmpty();

        UsageCollector off = new UsageCollector(false);
        off.completed(record("GetObject", "u1", "b", 7, 0, 10));
        assertThat(off.drain()).isEmpty();
    }

    @Test
    void drain_concurrentWithSixtyFourCounters_takesEveryCountExactlyOnce() throws Exception {
        UsageCollector c = new UsageCollector(true);
        int threads = 64;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<UsageKey, UsageCounts> total = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            String bucket = "b" + (t % 4);
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    c.completed(record(i % 2 == 0 ? "PutObject" : "GetObject", "u", bucket, 1, 3, 5));
                }
                done.countDown();
            });
        }
        Thread drainer = new Thread(() -> {
            while (running.get()) {
                c.drain().forEach((k, v) -> total.merge(k, v, UsageCounts::plus));
            }
        });
        drainer.start();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        drainer.join();
        c.drain().forEach((k, v) -> total.merge(k, v, UsageCounts::plus));
        pool.shutdown();

        long perBucket = (long) threads / 4 * perThread;
        for (int b = 0; b < 4; b++) {
            assertThat(total.get(new UsageKey("b" + b, 1, "u", "")))
                    .isEqualTo(new UsageCounts(perBucket / 2, perBucket / 2, 0, 0, 3 * perBucket, 5 * perBucket));
        }
    }

    @Test
    void drain_idleCellsRetired_laterCountsStillTaken() {
        UsageCollector c = new UsageCollector(true);
        c.completed(record("GetObject", "u", "b", 1, 0, 1));
        assertThat(c.drain()).hasSize(1);
        assertThat(c.drain()).isEmpty();
        assertThat(c.drain()).isEmpty(); // idle twice: removed
        c.completed(record("GetObject", "u", "b", 1, 0, 2));
        assertThat(c.drain()).containsOnly(Map.entry(new UsageKey("b", 1, "u", ""), new UsageCounts(0, 1, 0, 0, 0, 2)));
    }

    @Test
    void usageClass_followsTheDocumentedRule() {
        assertThat(UsageClass.of("PutObject")).isEqualTo(UsageClass.PUT);
        assertThat(UsageClass.of("CreateBucket")).isEqualTo(UsageClass.PUT);
        assertThat(UsageClass.of("CompleteMultipartUpload")).isEqualTo(UsageClass.PUT);
        assertThat(UsageClass.of("GetObject")).isEqualTo(UsageClass.GET);
        assertThat(UsageClass.of("HeadObject")).isEqualTo(UsageClass.GET);
        assertThat(UsageClass.of("ListObjects")).isEqualTo(UsageClass.LIST);
        assertThat(UsageClass.of("ListObjectsV2")).isEqualTo(UsageClass.LIST);
        assertThat(UsageClass.of("DeleteObject")).isEqualTo(UsageClass.OTHER);
        assertThat(UsageClass.of("HeadBucket")).isEqualTo(UsageClass.OTHER);
        assertThat(UsageClass.of(null)).isEqualTo(UsageClass.OTHER);
    }
}
