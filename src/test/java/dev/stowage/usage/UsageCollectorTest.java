package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.observe.RequestRecord;
import java.time.Instant;
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

    /** The collector's counts as a usage object sums them. */
    private static Map<UsageKey, UsageCounts> drain(UsageCollector c) {
        return TrafficCounts.byUsageKey(c.drain());
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

        Map<UsageKey, UsageCounts> counts = drain(c);

        assertThat(counts).containsOnly(
                Map.entry(new UsageKey("b", 7, "u1", ""), new UsageCounts(1, 2, 1, 1, 100, 540)),
                Map.entry(new UsageKey("b", 7, "u2", ""), new UsageCounts(0, 1, 0, 0, 0, 243)),
                Map.entry(new UsageKey("b", 8, "u1", ""), new UsageCounts(0, 1, 0, 0, 0, 1)));
        assertThat(drain(c)).as("a second drain has nothing new").isEmpty();
    }

    @Test
    void completed_anonymousOrWithoutBucketOrCollectionOff_isNotCounted() {
        UsageCollector on = new UsageCollector(true);
        on.completed(record("GetObject", null, "b", 7, 0, 10));
        on.completed(record("ListBuckets", "u1", null, 0, 0, 10));
        assertThat(drain(on)).isEmpty();

        UsageCollector off = new UsageCollector(false);
        off.completed(record("GetObject", "u1", "b", 7, 0, 10));
        assertThat(drain(off)).isEmpty();
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
                drain(c).forEach((k, v) -> total.merge(k, v, UsageCounts::plus));
            }
        });
        drainer.start();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        running.set(false);
        drainer.join();
        drain(c).forEach((k, v) -> total.merge(k, v, UsageCounts::plus));
        pool.shutdown();

        long perBucket = (long) threads / 4 * perThread;
        for (int b = 0; b < 4; b++) {
            assertThat(total.get(new UsageKey("b" + b, 1, "u", "")))
                    .isEqualTo(new UsageCounts(perBucket / 2, perBucket / 2, 0, 0, 3 * perBucket, 5 * perBucket));
        }
    }

    @Test
    void completed_keepsSlotsAndActionsApart_andTheUsageViewSumsThem() {
        long[] now = {Instant.parse("2024-03-10T10:14:59Z").toEpochMilli()};
        UsageCollector c = new UsageCollector(true, () -> now[0]);
        c.completed(record("PutObject", "u", "b", 1, 10, 0));
        c.completed(record("GetObject", "u", "b", 1, 0, 20));
        now[0] += 1000; // 10:15:00, the next slot
        c.completed(record("PutObject", "u", "b", 1, 30, 0));
        c.completed(record(null, "u", "b", 1, 0, 5));

        Map<TrafficKey, TrafficCounts> cells = c.drain();

        long slot1 = Instant.parse("2024-03-10T10:00:00Z").getEpochSecond();
        long slot2 = Instant.parse("2024-03-10T10:15:00Z").getEpochSecond();
        UsageKey key = new UsageKey("b", 1, "u", "");
        assertThat(cells).containsOnly(
                Map.entry(new TrafficKey(key, slot1, "PutObject"), new TrafficCounts(1, 10, 0)),
                Map.entry(new TrafficKey(key, slot1, "GetObject"), new TrafficCounts(1, 0, 20)),
                Map.entry(new TrafficKey(key, slot2, "PutObject"), new TrafficCounts(1, 30, 0)),
                Map.entry(new TrafficKey(key, slot2, ""), new TrafficCounts(1, 0, 5)));
        assertThat(TrafficCounts.byUsageKey(cells)).containsOnly(Map.entry(key, new UsageCounts(2, 1, 0, 1, 40, 25)));
    }

    @Test
    void drain_idleCellsRetired_laterCountsStillTaken() {
        UsageCollector c = new UsageCollector(true);
        c.completed(record("GetObject", "u", "b", 1, 0, 1));
        assertThat(drain(c)).hasSize(1);
        assertThat(drain(c)).isEmpty();
        assertThat(drain(c)).isEmpty(); // idle twice: removed
        c.completed(record("GetObject", "u", "b", 1, 0, 2));
        assertThat(drain(c)).containsOnly(Map.entry(new UsageKey("b", 1, "u", ""), new UsageCounts(0, 1, 0, 0, 0, 2)));
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
