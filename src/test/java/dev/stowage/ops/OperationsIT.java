package dev.stowage.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.it.S3TestSupport;
import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSubject;
import dev.stowage.limits.LimitsAdmin;
import dev.stowage.observe.AccessLog;
import dev.stowage.usage.UsageRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The operations surface of a running gateway: {@code /q/health} with the store and database checks,
 * {@code /q/metrics} after real S3 traffic, and the access log (on in the test profile).
 */
@QuarkusTest
class OperationsIT extends S3TestSupport {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    @Inject
    LimitsAdmin limits;

    @Inject
    Metrics metrics;

    @Inject
    UsageRollup usageRollup;

    @Test
    void readiness_storeAndDatabaseHealthy_isUpWithBothChecks() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(checks(health)).containsEntry(StoreHealthCheck.NAME, "UP").containsEntry(DatabaseHealthCheck.NAME, "UP");
    }

    @Test
    void liveness_checksTheStoreButNotTheDatabase() {
        JsonPath health = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertThat(checks(health)).containsEntry(StoreHealthCheck.NAME, "UP").doesNotContainKey(DatabaseHealthCheck.NAME);
    }

    @Test
    void startup_isUpOnceStarted() {
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metrics_afterTraffic_countRequestsBytesLatencyErrorsAndSlowDowns() {
        String bucket = newBucket();
        byte[] body = new byte[10_000];
        s3.putObject(b -> b.bucket(bucket).key("m"), RequestBody.fromBytes(body));
        s3.getObjectAsBytes(b -> b.bucket(bucket).key("m"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("absent")))
                .isInstanceOf(NoSuchKeyException.class);
        limits.set(LimitSubject.bucket(bucket), LimitKey.OPS_GET, 0.01);
        try (S3Client noRetries = S3Client.builder().endpointOverride(endpoint()).region(s3.serviceClientConfiguration().region())
                .credentialsProvider(s3.serviceClientConfiguration().credentialsProvider()).forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try {
                    noRetries.headObject(b -> b.bucket(bucket).key("m"));
                    statuses.add(200);
                } catch (S3Exception e) {
                    statuses.add(e.statusCode());
                }
            }
            assertThat(statuses).as("HEADs at 0.01 requests/s").contains(503);
        } finally {
            limits.reset(LimitSubject.bucket(bucket));
        }

        Map<String, Double> m = scrape();
        assertThat(m.get("stowage_requests_total{action=\"PutObject\",status=\"200\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.get("stowage_requests_total{action=\"GetObject\",status=\"404\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.get("stowage_requests_total{action=\"HeadObject\",status=\"503\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.get("stowage_received_bytes_total{action=\"PutObject\"}")).isGreaterThanOrEqualTo(body.length);
        assertThat(m.get("stowage_sent_bytes_total{action=\"GetObject\"}")).isGreaterThanOrEqualTo(body.length);
        assertThat(m.get("stowage_errors_total{code=\"NoSuchKey\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(m.get("stowage_slowdown_refusals_total{action=\"HeadObject\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(m).containsKey("stowage_store_errors_total{action=\"PutObject\"}");
        assertThat(m.get("stowage_request_duration_seconds_count{action=\"GetObject\"}")).isGreaterThanOrEqualTo(2.0);
        assertThat(m.get("stowage_request_duration_seconds_bucket{action=\"GetObject\",le=\"+Inf\"}"))
                .isEqualTo(m.get("stowage_request_duration_seconds_count{action=\"GetObject\"}"));
        assertThat(m.keySet()).as("no series tagged by bucket, key or user")
                .noneMatch(k -> k.contains(bucket) || k.contains(USER_ID));
    }

    @Test
    void metrics_usageRollupAndCheckpoint_reportTheirRuns() throws Exception {
        Map<String, Double> before = scrape();
        usageRollup.checkpoint();
        usageRollup.rollup();
        Map<String, Double> after = scrape();
        // the scheduler's own beat may add runs meanwhile: at least ours are there
        for (String series : new String[] {"stowage_rollup_runs_total{outcome=\"success\"}",
                "stowage_usage_flush_runs_total{outcome=\"success\"}"}) {
            assertThat(after.get(series)).as(series).isGreaterThanOrEqualTo(before.get(series) + 1);
        }
        assertThat(after.get("stowage_rollup_last_success_timestamp_seconds")).isPositive();
    }

    @Test
    void metrics_jobRuns_areCountedByOutcome() {
        Map<String, Double> before = scrape();
        assertThat(before).as("every job's series exists before its first run")
                .containsKeys("stowage_rollup_runs_total{outcome=\"success\"}", "stowage_export_runs_total{outcome=\"failure\"}",
                        "stowage_usage_flush_runs_total{outcome=\"skipped\"}", "stowage_export_last_success_timestamp_seconds");

        metrics.jobRun(Metrics.Job.EXPORT, Metrics.Outcome.SUCCESS, Duration.ofMillis(1500));
        metrics.jobRun(Metrics.Job.EXPORT, Metrics.Outcome.FAILURE, Duration.ofMillis(10));

        Map<String, Double> after = scrape();
        String success = "stowage_export_runs_total{outcome=\"success\"}";
        String failure = "stowage_export_runs_total{outcome=\"failure\"}";
        assertThat(after.get(success)).isEqualTo(before.get(success) + 1);
        assertThat(after.get(failure)).isEqualTo(before.get(failure) + 1);
        assertThat(after.get("stowage_export_duration_seconds_count")).isEqualTo(before.get("stowage_export_duration_seconds_count") + 2);
        assertThat(after.get("stowage_export_last_success_timestamp_seconds")).isPositive();
    }

    @Test
    void accessLog_oneLinePerRequest_withIdUserActionBucketStatusBytesAndTime() {
        String bucket = newBucket();
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.addHandler(capture);
        String requestId;
        List<String> mine = List.of();
        try {
            requestId = s3.putObject(b -> b.bucket(bucket).key("logged"), RequestBody.fromString("12345"))
                    .responseMetadata().requestId();
            // the line is written once the response is on the wire, which the client may see first
            for (int poll = 0; poll < 100 && mine.isEmpty(); poll++) {
                synchronized (lines) {
                    mine = lines.stream().filter(l -> l.startsWith("id=" + requestId + " ")).toList();
                }
                if (mine.isEmpty()) {
                    sleepQuietly(20);
                }
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(mine).hasSize(1);
        Matcher line = Pattern.compile("id=" + requestId + " user=" + USER_ID + " action=PutObject method=PUT bucket="
                + bucket + " status=200 in=(\\d+) out=0 ms=\\d+\\.\\d{3}").matcher(mine.get(0));
        assertThat(line.matches()).as("access log line %s", mine.get(0)).isTrue();
        // the SDK sends aws-chunked framing: what was read off the wire is the 5 bytes and the framing
        assertThat(Long.parseLong(line.group(1))).isGreaterThanOrEqualTo(5);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The checks of a health answer, name to status. */
    private static Map<String, String> checks(JsonPath health) {
        Map<String, String> checks = new HashMap<>();
        List<Map<String, Object>> list = health.getList("checks");
        for (Map<String, Object> check : list) {
            checks.put((String) check.get("name"), (String) check.get("status"));
        }
        return checks;
    }

    /** Every sample of {@code /q/metrics}, by name and labels as written. */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher matcher = SAMPLE.matcher(line);
            if (!line.startsWith("#") && matcher.matches()) {
                samples.put(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)),
                        Double.parseDouble(matcher.group(3)));
            }
        }
        return samples;
    }
}
