package dev.stowage.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.it.S3TestSupport;
import dev.stowage.metering.billing.BillingExporter;
import dev.stowage.metering.billing.BillingExporter.Destinations;
import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.billing.UsageRecordFormat.Format;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * The billing export to a bucket of the gateway, read back through the AWS SDK: the CSV and JSON Lines objects
 * under the configured prefix with the day's fixed names, byte for byte the files of the directory export of the
 * same day; a rerun replaces them under the same keys; they are private objects of the bucket's owner. Over known
 * ledger data ({@link FixedLedger}) on days of their own.
 */
@QuarkusTest
@TestProfile(FixedLedger.Profile.class)
class BillingExportIT extends S3TestSupport {
    private static final AtomicLong DAYS = new AtomicLong(System.nanoTime() % 10_000);
    private static final String PREFIX = "billing/daily/";

    @Inject
    FixedLedger ledger;

    @Inject
    Accounts accounts;

    @Inject
    BillingExporter exporter;

    private UserAccount owner;
    private S3Client ownerClient;
    private String bucket;
    private LocalDate day;

    @BeforeEach
    void anOwnedBucketAndADayOfTraffic() throws Exception {
        ledger.reset();
        owner = accounts.createUser("export-owner-" + System.nanoTime() + "@example.com", false);
        ownerClient = client(owner.keys().get(0).accessKeyId(), owner.keys().get(0).secretAccessKey());
        bucket = "billingexport-" + System.nanoTime() % 1_000_000_000;
        MeteringCalls.once(() -> ownerClient.createBucket(r -> r.bucket(bucket)));
        // a day of its own per test, years back, so the export lease rows of other runs do not meet it
        day = LocalDate.parse("2019-01-01").minusDays(DAYS.incrementAndGet());
        traffic(day, "PutObject", 4, 4096, 0);
        traffic(day, "GetObject", 2, 0, 1500);
        ledger.snapshot(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                new MeteringLedger.Storage(bucket, 1, owner.id(), 7200, 3), BigInteger.ZERO);
    }

    private void traffic(LocalDate on, String action, long ops, long in, long out) {
        ledger.add(on.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600),
                new MeteringLedger.Traffic(bucket, 1, owner.id(), owner.id(), action, ops, in, out));
    }

    private Destinations toBucket() {
        return new Destinations(Optional.of(bucket), PREFIX, Optional.empty());
    }

    private static String key(LocalDate day, Format format) {
        return PREFIX + UsageRecordFormat.fileName(day, format);
    }

    private List<String> keysUnderPrefix() {
        return ownerClient.listObjectsV2(r -> r.bucket(bucket).prefix(PREFIX)).contents().stream().map(S3Object::key)
                .toList();
    }

    @Test
    void exportToABucket_writesCsvAndJsonlUnderThePrefix_byteForByteTheDirectoryExport() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "export-dir");
        BillingExporter.Result toDir = exporter.export(day, true, new Destinations(Optional.empty(), "",
                Optional.of(dir)));
        assertThat(toDir.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);

        BillingExporter.Result toBucket = exporter.export(day, true, toBucket());
        assertThat(toBucket.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        // received, sent, put requests, get requests, storage
        assertThat(toBucket.records()).isEqualTo(5).isEqualTo(toDir.records());
        assertThat(toBucket.files()).containsExactly("s3://" + bucket + "/" + key(day, Format.CSV),
                "s3://" + bucket + "/" + key(day, Format.JSONL));
        assertThat(keysUnderPrefix()).containsExactly(key(day, Format.CSV), key(day, Format.JSONL));

        for (Format format : Format.values()) {
            ResponseBytes<GetObjectResponse> object = ownerClient.getObjectAsBytes(r -> r.bucket(bucket)
                    .key(key(day, format)));
            byte[] file = Files.readAllBytes(dir.resolve(UsageRecordFormat.fileName(day, format)));
            assertThat(object.asByteArray()).as(format.name()).isEqualTo(file);
            assertThat(object.response().contentLength()).isEqualTo(file.length);
            assertThat(object.response().contentType()).isEqualTo(format == Format.CSV ? "text/csv; charset=utf-8"
                    : "application/x-ndjson");
        }
        String csv = ownerClient.getObjectAsBytes(r -> r.bucket(bucket).key(key(day, Format.CSV))).asUtf8String();
        assertThat(csv.lines().toList()).hasSize(6).first().isEqualTo(String.join(",", UsageRecordFormat.COLUMNS));
        assertThat(csv).contains(owner.id() + "," + bucket + ",101,OBJECT_PUT_REQUESTS,4,")
                .contains(owner.id() + "," + bucket + ",5,NETWORK_BYTES_RECEIVED,4096,")
                .contains(owner.id() + "," + bucket + ",100,OBJECT_STORAGE,172800.000000,");
    }

    @Test
    void exportToABucket_rerun_replacesTheObjectsUnderTheSameKeys() throws Exception {
        assertThat(exporter.export(day, false, toBucket()).outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        String before = ownerClient.getObjectAsBytes(r -> r.bucket(bucket).key(key(day, Format.JSONL)))
                .asUtf8String();
        assertThat(before.lines()).hasSize(5).noneMatch(l -> l.contains("OBJECT_LIST_REQUESTS"));

        traffic(day, "ListObjectsV2", 3, 0, 0); // late counts of that day
        assertThat(exporter.export(day, false, toBucket()).outcome()).as("done: the schedule skips it")
                .isEqualTo(BillingExporter.Outcome.ALREADY_DONE);
        assertThat(ownerClient.getObjectAsBytes(r -> r.bucket(bucket).key(key(day, Format.JSONL))).asUtf8String())
                .isEqualTo(before);

        BillingExporter.Result again = exporter.export(day, true, toBucket());
        assertThat(again.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(again.records()).isEqualTo(6);
        assertThat(keysUnderPrefix()).containsExactly(key(day, Format.CSV), key(day, Format.JSONL));
        String after = ownerClient.getObjectAsBytes(r -> r.bucket(bucket).key(key(day, Format.JSONL))).asUtf8String();
        assertThat(after.lines()).hasSize(6).containsAll(before.lines().toList())
                .anyMatch(l -> l.contains("\"usagetype\":103,\"usagetypename\":\"OBJECT_LIST_REQUESTS\",\"rawusage\":3,"));
        assertThat(ownerClient.getObjectAsBytes(r -> r.bucket(bucket).key(key(day, Format.CSV))).asUtf8String()
                .lines()).hasSize(7);

        LocalDate next = day.plusDays(1);
        traffic(next, "GetObject", 1, 0, 10);
        assertThat(exporter.export(next, true, toBucket()).outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(keysUnderPrefix()).as("a day of its own beside the first")
                .containsExactly(key(day, Format.CSV), key(day, Format.JSONL), key(next, Format.CSV),
                        key(next, Format.JSONL));
    }

    @Test
    void exportObjects_areOwnedByTheBucketOwner_withItsFullControlAlone_andNotReadableByOthers() throws Exception {
        assertThat(exporter.export(day, true, toBucket()).outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        for (Format format : Format.values()) {
            String key = key(day, format);
            GetObjectAclResponse acl = ownerClient.getObjectAcl(r -> r.bucket(bucket).key(key));
            assertThat(acl.owner().id()).isEqualTo(owner.id());
            assertThat(acl.grants()).singleElement().satisfies(g -> {
                assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
                assertThat(g.grantee().type()).isEqualTo(Type.CANONICAL_USER);
                assertThat(g.grantee().id()).isEqualTo(owner.id());
            });

            HttpResponse<String> anonymous = MeteringCalls.HTTP.send(HttpRequest.newBuilder(
                    endpoint().resolve("/" + bucket + "/" + key)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
            assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>").doesNotContain("usagetype");

            UserAccount stranger = accounts.createUser("export-stranger-" + System.nanoTime() + "@example.com", false);
            try (S3Client other = client(stranger.keys().get(0).accessKeyId(),
                    stranger.keys().get(0).secretAccessKey())) {
                MeteringCalls.once(other::listBuckets);
                assertThat(MeteringCalls.status(() -> other.getObjectAsBytes(r -> r.bucket(bucket).key(key)))).isEqualTo(403);
                assertThat(MeteringCalls.status(() -> other.getObjectAcl(r -> r.bucket(bucket).key(key)))).isEqualTo(403);
            }
        }
        // the bucket's owner manages them as any object of its own
        ownerClient.deleteObject(r -> r.bucket(bucket).key(key(day, Format.CSV)));
        assertThat(keysUnderPrefix()).containsExactly(key(day, Format.JSONL));
    }

    @Test
    void exportToAMissingBucket_fails_andTheDayIsExportedByTheNextRunOnceTheBucketExists() {
        String missing = "billingexport-missing-" + System.nanoTime() % 1_000_000_000;
        Destinations to = new Destinations(Optional.of(missing), PREFIX, Optional.empty());
        assertThatThrownBy(() -> exporter.export(day, false, to)).isInstanceOf(RuntimeException.class)
                .hasMessageContaining(missing);

        ownerClient.createBucket(r -> r.bucket(missing));
        BillingExporter.Result retried = exporter.export(day, false, to);
        assertThat(retried.outcome()).as("a failed day is not done").isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(ownerClient.listObjectsV2(r -> r.bucket(missing)).contents()).map(S3Object::key)
                .containsExactly(key(day, Format.CSV), key(day, Format.JSONL));
    }
}
