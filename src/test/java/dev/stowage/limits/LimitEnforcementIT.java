package dev.stowage.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import dev.stowage.it.S3TestSupport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Limits enforced on S3 requests: ops rates answered with 503 SlowDown and Retry-After, bucket limits apart from
 * user limits, bandwidth:out pacing downloads, and changes taking effect at once. The SDK clients here do not retry
 * (by default the SDK retries SlowDown and would hide it). Pacing shows in the gateway's bandwidth metrics (bytes
 * paced, chunks that had to wait), never in how long a download took.
 */
@QuarkusTest
class LimitEnforcementIT extends S3TestSupport {
    private static final byte[] SMALL = "limited".getBytes();

    @Inject
    Accounts accounts;

    @Inject
    LimitsAdmin limits;

    /** A user of its own with a client that never retries. */
    private record Tenant(UserAccount user, S3Client s3) {
        LimitSubject subject() {
            return LimitSubject.user(user.id());
        }
    }

    private Tenant newTenant(String name) {
        UserAccount user = accounts.createUser(TestEmails.fresh(name), false);
        var key = user.keys().get(0);
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new Tenant(user, client);
    }

    private static String createBucket(Tenant tenant, String name) {
        String bucket = TestEmails.freshBucket(name).toLowerCase(Locale.ROOT);
        tenant.s3().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static String bucketWithObject(Tenant tenant, String name, byte[] content) {
        String bucket = createBucket(tenant, name);
        tenant.s3().putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(content));
        return bucket;
    }

    /** Sends {@code n} GETs back to back; answers the SlowDown refusals. */
    private static List<S3Exception> getRepeatedly(Tenant tenant, String bucket, int n) {
        List<S3Exception> refused = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                tenant.s3().getObjectAsBytes(b -> b.bucket(bucket).key("obj"));
            } catch (S3Exception e) {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                refused.add(e);
            }
        }
        return refused;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void getObject_userAtFiveGetsPerSecond_isSlowDownWithinSevenThenServedAfterASecond() {
        Tenant tenant = newTenant("ops-get");
        String bucket = bucketWithObject(tenant, "opsget", SMALL);
        limits.set(tenant.subject(), LimitKey.OPS_GET, 5);

        List<S3Exception> refused = getRepeatedly(tenant, bucket, 7);

        assertThat(refused).isNotEmpty();
        String retryAfter = refused.get(0).awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                .orElseThrow();
        assertThat(Long.parseLong(retryAfter)).isGreaterThanOrEqualTo(1);
        sleep(1200);
        assertThat(tenant.s3().getObjectAsBytes(b -> b.bucket(bucket).key("obj")).asByteArray()).isEqualTo(SMALL);
    }

    @Test
    void userGetLimit_leavesOtherClassesAndOtherUsersAlone() {
        Tenant limited = newTenant("ops-classes");
        Tenant other = newTenant("ops-other");
        String bucket = bucketWithObject(limited, "classes", SMALL);
        String otherBucket = bucketWithObject(other, "otherclasses", SMALL);
        limits.set(limited.subject(), LimitKey.OPS_GET, 2);

        assertThat(getRepeatedly(limited, bucket, 6)).isNotEmpty();
        for (int i = 0; i < 6; i++) {
            limited.s3().listObjectsV2(b -> b.bucket(bucket));
        }
        assertThat(getRepeatedly(other, otherBucket, 6)).isEmpty();
    }

    @Test
    void defaultLimit_governsAClassWithoutItsOwn() {
        Tenant tenant = newTenant("ops-default");
        String bucket = bucketWithObject(tenant, "opsdefault", SMALL);
        limits.set(tenant.subject(), LimitKey.OPS_DEFAULT, 2);
        limits.set(tenant.subject(), LimitKey.OPS_GET, 1000);

        assertThat(getRepeatedly(tenant, bucket, 6)).isEmpty();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 6; i++) {
                tenant.s3().listObjectsV2(b -> b.bucket(bucket));
            }
        }).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @Test
    void bucketLimit_governsRequestsOnThatBucketOnly() {
        // Until ACLs exist only a bucket's owner may use it, so "whoever sends them" is shown with the owner (who
        // has no user limit) and a second bucket of the same owner that has none.
        Tenant owner = newTenant("bucket-limit");
        String limited = bucketWithObject(owner, "limitedbucket", SMALL);
        String free = bucketWithObject(owner, "freebucket", SMALL);
        limits.set(LimitSubject.bucket(limited), LimitKey.OPS_GET, 3);

        List<S3Exception> refused = getRepeatedly(owner, limited, 6);

        assertThat(refused).isNotEmpty();
        assertThat(refused.get(0).awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).isPresent();
        assertThat(getRepeatedly(owner, free, 6)).isEmpty();
        assertThat(limits.get(owner.subject()).isEmpty()).isTrue();
    }

    @Test
    void limitChange_setThenReset_takesEffectWithinASecond() {
        Tenant tenant = newTenant("ops-change");
        String bucket = bucketWithObject(tenant, "opschange", SMALL);
        assertThat(getRepeatedly(tenant, bucket, 5)).isEmpty();

        limits.set(tenant.subject(), LimitKey.OPS_GET, 1);
        LimitsServiceTest.awaitTrue(() -> !getRepeatedly(tenant, bucket, 3).isEmpty());

        limits.reset(tenant.subject());
        LimitsServiceTest.awaitTrue(() -> getRepeatedly(tenant, bucket, 5).isEmpty());
    }

    @Test
    void getObject_bandwidthOut100_pacesTheDownload_whileAnotherUsersIsNotSlowed() {
        byte[] mebibyte = new byte[1 << 20];
        new java.util.Random(4).nextBytes(mebibyte);
        Tenant slow = newTenant("bw-slow");
        Tenant fast = newTenant("bw-fast");
        String slowBucket = bucketWithObject(slow, "bwslow", mebibyte);
        String fastBucket = bucketWithObject(fast, "bwfast", mebibyte);
        limits.set(slow.subject(), LimitKey.BANDWIDTH_OUT, 100);

        Pacing before = Pacing.now();
        byte[] got = slow.s3().getObjectAsBytes(b -> b.bucket(slowBucket).key("obj")).asByteArray();
        Pacing slowed = Pacing.now().minus(before);

        assertThat(got).isEqualTo(mebibyte);
        assertThat(slowed.userBytes()).as("every byte paced by the user's limit").isEqualTo(mebibyte.length);
        assertThat(slowed.bucketBytes()).isZero();
        assertThat(slowed.userWaits()).as("chunks that waited for the user's limit")
                .isGreaterThanOrEqualTo(leastWaits(100, mebibyte.length));

        Pacing beforeFast = Pacing.now();
        assertThat(fast.s3().getObjectAsBytes(b -> b.bucket(fastBucket).key("obj")).asByteArray()).isEqualTo(mebibyte);
        assertThat(Pacing.now().minus(beforeFast)).as("the other user's download is not paced").isEqualTo(Pacing.NONE);
    }

    @Test
    void listObjects_bandwidthOnTheBucket_pacesTheListing() {
        Tenant tenant = newTenant("bw-list");
        String bucket = createBucket(tenant, "bwlist");
        String prefix = "a-rather-long-key-name-to-make-the-listing-bigger/" + "x".repeat(100) + "/";
        for (int i = 0; i < 40; i++) {
            String key = prefix + i;
            tenant.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(SMALL));
        }
        limits.set(LimitSubject.bucket(bucket), LimitKey.BANDWIDTH_OUT, 2);

        Pacing before = Pacing.now();
        assertThat(tenant.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(40);
        Pacing paced = Pacing.now().minus(before);
        limits.reset(LimitSubject.bucket(bucket));

        // the listing (about 14 KB) holds every key: all of it went through the bucket's limit, none through a user's
        assertThat(paced.bucketBytes()).isGreaterThan(40 * prefix.length());
        assertThat(paced.userBytes()).isZero();
        assertThat(paced.bucketWaits()).as("chunks that waited for the bucket's limit")
                .isGreaterThanOrEqualTo(leastWaits(2, (long) paced.bucketBytes()));
    }

    /**
     * The fewest chunks of a body of {@code bytes} paced at {@code kibPerSecond} that must wait, whatever the
     * machine's speed: the body goes in chunks of {@link BodyThrottle#chunkSizeFor}; the first second's worth passes
     * at once, and after it a chunk passes without waiting only when the gateway itself has spent a chunk's time at
     * the limit (125 ms for 12.5 KiB at 100 KiB/s, 500 ms for 1 KiB at 2 KiB/s) since the budget last ran dry. Half
     * of the chunks past the first second are allowed to pass so (seconds of stalls on a loaded machine); with no
     * pacing none waits, so the bound is at least 1 for the bodies here.
     */
    private static long leastWaits(double kibPerSecond, long bytes) {
        double bytesPerSecond = kibPerSecond * 1024;
        int chunk = BodyThrottle.chunkSizeFor(bytesPerSecond);
        long chunks = (bytes + chunk - 1) / chunk;
        long firstSecond = (long) bytesPerSecond / chunk;
        long bound = (chunks - firstSecond) / 2;
        assertThat(bound).as("a body long enough to need pacing").isPositive();
        return bound;
    }

    /** The bandwidth pacing counters of {@code /q/metrics} (whole gateway: the tests of a class run one at a time). */
    private record Pacing(double userBytes, double bucketBytes, double userWaits, double bucketWaits) {
        static final Pacing NONE = new Pacing(0, 0, 0, 0);

        static Pacing now() {
            String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
            return new Pacing(sample(text, "stowage_bandwidth_paced_bytes_total", "user"),
                    sample(text, "stowage_bandwidth_paced_bytes_total", "bucket"),
                    sample(text, "stowage_bandwidth_waits_total", "user"),
                    sample(text, "stowage_bandwidth_waits_total", "bucket"));
        }

        private static double sample(String metrics, String name, String limit) {
            String series = name + "{direction=\"out\",limit=\"" + limit + "\"} ";
            return metrics.lines().filter(line -> line.startsWith(series))
                    .mapToDouble(line -> Double.parseDouble(line.substring(series.length()))).findFirst()
                    .orElseThrow(() -> new AssertionError(series + "missing from /q/metrics"));
        }

        Pacing minus(Pacing earlier) {
            return new Pacing(userBytes - earlier.userBytes, bucketBytes - earlier.bucketBytes,
                    userWaits - earlier.userWaits, bucketWaits - earlier.bucketWaits);
        }
    }
}
