package dev.stowage.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.db.Blocking;
import dev.stowage.it.S3TestSupport;
import dev.stowage.metering.billing.BillingExporter;
import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import dev.stowage.ostor.OstorCalls;
import dev.stowage.store.ObjectStore;
import dev.stowage.usage.StorageLedger;
import dev.stowage.usage.UsageClass;
import dev.stowage.usage.UsageCounts;
import dev.stowage.usage.UsageName;
import dev.stowage.usage.UsageRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one metering pipeline end to end: known traffic of two users on two buckets (puts, gets, a head, lists,
 * deletes, refused requests) through the AWS SDK, one rollup, and then the ostor usage objects, UTAPI ListMetrics,
 * the CloudStack usage records and the billing export all report the same numbers: requests per class, bytes in
 * and out, storage.
 */
@QuarkusTest
class MeteringConsistencyIT extends S3TestSupport {
    private static final long SLOT_MILLIS = 900_000;

    @Inject
    UsageRollup rollup;

    @Inject
    StorageLedger storage;

    @Inject
    ObjectStore store;

    @Inject
    Accounts accounts;

    @Inject
    MeteringServer server;

    @Inject
    BillingExporter exporter;

    @Inject
    MeteringLedger ledger;

    @Inject
    Pool pool;

    @Test
    void knownTraffic_usageObjects_utapi_usageRecords_andExport_reportTheSameNumbers() throws Exception {
        long startMillis = Instant.now().toEpochMilli();
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        rollup.rollup(); // the traffic below in periods of its own
        UserAccount alice = accounts.createUser("consistency-a-" + System.nanoTime() + "@example.com", false);
        UserAccount bob = accounts.createUser("consistency-b-" + System.nanoTime() + "@example.com", false);
        String a = "consistency-a-" + System.nanoTime() % 1_000_000_000;
        String b = "consistency-b-" + System.nanoTime() % 1_000_000_000;
        Map<String, UsageCounts> ops = new HashMap<>(); // "bucket user" -> expected ops (bytes left 0)
        try (S3Client sa = client(alice.keys().get(0).accessKeyId(), alice.keys().get(0).secretAccessKey());
                S3Client sb = client(bob.keys().get(0).accessKeyId(), bob.keys().get(0).secretAccessKey())) {
            MeteringCalls.once(() -> sa.createBucket(r -> r.bucket(a)));
            MeteringCalls.once(() -> sb.createBucket(r -> r.bucket(b)));
            count(ops, a, alice, 1, 0, 0, 0);
            count(ops, b, bob, 1, 0, 0, 0);
            for (int size : new int[] {1000, 2000, 3000}) {
                sa.putObject(r -> r.bucket(a).key("k" + size), RequestBody.fromBytes(new byte[size]));
            }
            sa.getObjectAsBytes(r -> r.bucket(a).key("k1000"));
            sa.getObjectAsBytes(r -> r.bucket(a).key("k3000"));
            sa.headObject(r -> r.bucket(a).key("k2000"));
            sa.listObjectsV2(r -> r.bucket(a));
            sa.deleteObject(r -> r.bucket(a).key("k2000"));
            count(ops, a, alice, 3, 3, 1, 1);
            sb.putObject(r -> r.bucket(b).key("x"), RequestBody.fromBytes(new byte[500]));
            sb.putObject(r -> r.bucket(b).key("y"), RequestBody.fromBytes(new byte[700]));
            sb.getObjectAsBytes(r -> r.bucket(b).key("y"));
            sb.listObjectsV2(r -> r.bucket(b));
            sb.listObjects(r -> r.bucket(b));
            count(ops, b, bob, 2, 1, 2, 0);
            // refused: counted for the signer on the bucket reached
            assertThat(MeteringCalls.status(() -> sb.getObjectAsBytes(r -> r.bucket(a).key("k1000")))).isEqualTo(403);
            count(ops, a, bob, 0, 1, 0, 0);
            assertThat(MeteringCalls.status(() -> sa.listObjectsV2(r -> r.bucket(b)))).isEqualTo(403);
            count(ops, b, alice, 0, 0, 1, 0);
        }

        // ---- the ostor usage objects ----
        Map<String, UsageCounts> usage = countsAfterRollups(ops);
        for (Map.Entry<String, UsageCounts> e : ops.entrySet()) {
            UsageCounts u = usage.get(e.getKey());
            assertThat(new UsageCounts(u.put(), u.get(), u.list(), u.other(), 0, 0)).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(usage.get(a + " " + alice.id()).uploaded()).isGreaterThanOrEqualTo(6000);
        assertThat(usage.get(a + " " + alice.id()).downloaded()).isGreaterThanOrEqualTo(4000);
        assertThat(rollup.retryMetering()).as("every batch in the database").isTrue();

        // ---- UTAPI ListMetrics, per bucket and per user ----
        long start = startMillis - Math.floorMod(startMillis, SLOT_MILLIS);
        long now = Instant.now().toEpochMilli();
        long end = now - Math.floorMod(now, SLOT_MILLIS) + SLOT_MILLIS - 1;
        for (String bucket : List.of(a, b)) {
            JsonObject m = utapi("/buckets", "buckets", bucket, start, end);
            UsageCounts sum = sum(usage, bucket + " ");
            assertThat(m.getLong("incomingBytes")).as(bucket).isEqualTo(sum.uploaded());
            assertThat(m.getLong("outgoingBytes")).as(bucket).isEqualTo(sum.downloaded());
            JsonObject o = m.getJsonObject("operations");
            long all = o.fieldNames().stream().mapToLong(o::getLong).sum();
            assertThat(all).as(bucket).isEqualTo(sum.put() + sum.get() + sum.list() + sum.other());
            var bucketInfo = store.bucket(bucket);
            assertThat(m.getJsonArray("storageUtilized").getLong(1)).as(bucket)
                    .isEqualTo(storage.of(bucketInfo).current());
            assertThat(m.getJsonArray("numberOfObjects").getLong(1)).as(bucket)
                    .isEqualTo(storage.of(bucketInfo).objects());
        }
        JsonObject ofA = utapi("/buckets", "buckets", a, start, end).getJsonObject("operations");
        assertThat(ofA.getLong("s3:PutObject")).isEqualTo(3);
        assertThat(ofA.getLong("s3:CreateBucket")).isEqualTo(1);
        assertThat(ofA.getLong("s3:GetObject")).isEqualTo(3);
        assertThat(ofA.getLong("s3:HeadObject")).isEqualTo(1);
        assertThat(ofA.getLong("s3:ListBucket")).isEqualTo(1);
        assertThat(ofA.getLong("s3:DeleteObject")).isEqualTo(1);
        assertThat(utapi("/buckets", "buckets", a, start, end).getJsonArray("storageUtilized").getLong(1))
                .isEqualTo(4000);
        for (UserAccount user : List.of(alice, bob)) {
            JsonObject m = utapi("/users", "users", user.id(), start, end);
            UsageCounts sum = sum(usage, user.id());
            assertThat(m.getLong("incomingBytes")).isEqualTo(sum.uploaded());
            assertThat(m.getLong("outgoingBytes")).isEqualTo(sum.downloaded());
        }

        // ---- CloudStack usage records and the export, per user, bucket and type ----
        Path dir = Files.createTempDirectory(Path.of("target"), "consistency");
        BillingExporter.Result exported = exporter.export(day, true,
                new BillingExporter.Destinations(Optional.empty(), "", Optional.of(dir)));
        assertThat(exported.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        List<JsonObject> lines = Files.readAllLines(dir.resolve(UsageRecordFormat.fileName(day,
                UsageRecordFormat.Format.JSONL))).stream().map(JsonObject::new).toList();
        List<String> csv = Files.readAllLines(dir.resolve(UsageRecordFormat.fileName(day, UsageRecordFormat.Format.CSV)));
        for (UserAccount user : List.of(alice, bob)) {
            JsonArray records = usageRecords(user, day);
            for (String bucket : List.of(a, b)) {
                UsageCounts u = usage.getOrDefault(bucket + " " + user.id(), UsageCounts.ZERO);
                Map<Integer, String> expected = new HashMap<>();
                expected.put(5, Long.toString(u.uploaded()));
                expected.put(4, Long.toString(u.downloaded()));
                expected.put(101, Long.toString(u.put()));
                expected.put(102, Long.toString(u.get()));
                expected.put(103, Long.toString(u.list()));
                expected.put(104, Long.toString(u.other()));
                expected.values().removeIf("0"::equals);
                Map<Integer, String> api = new HashMap<>();
                Map<Integer, String> file = new HashMap<>();
                for (int i = 0; i < records.size(); i++) {
                    JsonObject r = records.getJsonObject(i);
                    if (r.getString("usageid").equals(bucket)) {
                        api.put(r.getInteger("usagetype"), r.getValue("rawusage").toString());
                    }
                }
                for (JsonObject r : lines) {
                    if (r.getString("accountid").equals(user.id()) && r.getString("usageid").equals(bucket)) {
                        file.put(r.getInteger("usagetype"), r.getValue("rawusage").toString());
                        assertThat(csv).as("the CSV file's line of %s", r).anyMatch(l -> {
                            String[] f = l.split(",");
                            return f[3].equals(user.id()) && f[4].equals(bucket)
                                    && f[5].equals(r.getInteger("usagetype").toString())
                                    && new BigDecimal(f[7]).compareTo(new BigDecimal(r.getValue("rawusage").toString())) == 0;
                        });
                    }
                }
                String owner = bucket.equals(a) ? alice.id() : bob.id();
                if (user.id().equals(owner)) {
                    assertThat(api).as("storage byte-hours of %s", bucket).containsKey(100);
                    expected.put(100, api.get(100));
                }
                assertThat(api).as("usage records of %s on %s", user.email(), bucket).isEqualTo(expected);
                assertThat(file).as("export of %s on %s", user.email(), bucket).isEqualTo(api);
            }
        }
    }

    @Test
    void rollup_whileTheDatabaseRefusesRows_writesTheUsageObject_andTheRowsOnceLater() throws Exception {
        Instant from = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 900 * 900);
        sql("create table if not exists metering_test_refusal (refuse boolean)");
        sql("""
                create or replace function metering_test_refuse() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from metering_test_refusal) then
                        raise exception 'metering rows refused (test)';
                    end if;
                    return new;
                end $$""");
        sql("drop trigger if exists metering_test_refuse on metering_traffic");
        sql("create trigger metering_test_refuse before insert on metering_traffic for each row "
                + "execute function metering_test_refuse()");
        try {
            rollup.rollup();
            sql("insert into metering_test_refusal values (true)");
            String bucket = newBucket();
            for (int i = 0; i < 4; i++) {
                s3.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromBytes(new byte[100]));
            }
            Map<String, UsageCounts> usage = countsAfterRollups(Map.of(bucket + " " + USER_ID,
                    new UsageCounts(5, 0, 0, 0, 0, 0))); // CreateBucket and 4 puts
            assertThat(usage.get(bucket + " " + USER_ID).put()).isEqualTo(5);
            assertThat(rollup.retryMetering()).as("rows refused: still pending").isFalse();
            assertThat(putsInLedger(bucket, from)).as("nothing written while refused").isZero();

            sql("delete from metering_test_refusal");
            assertThat(rollup.retryMetering()).isTrue();
            assertThat(putsInLedger(bucket, from)).isEqualTo(5);
            assertThat(rollup.retryMetering()).isTrue();
            rollup.rollup();
            assertThat(putsInLedger(bucket, from)).as("sent once").isEqualTo(5);
        } finally {
            sql("delete from metering_test_refusal");
            sql("drop trigger if exists metering_test_refuse on metering_traffic");
            rollup.retryMetering();
        }
    }

    private long putsInLedger(String bucket, Instant from) {
        return ledger.traffic(from, Instant.now().plusSeconds(3600)).stream()
                .filter(t -> t.bucket().equals(bucket) && UsageClass.of(t.action()) == UsageClass.PUT)
                .mapToLong(MeteringLedger.Traffic::ops).sum();
    }

    private void sql(String statement) {
        Blocking.await(() -> pool.query(statement).execute());
    }

    private static void count(Map<String, UsageCounts> ops, String bucket, UserAccount user, long put, long get,
            long list, long other) {
        ops.merge(bucket + " " + user.id(), new UsageCounts(put, get, list, other, 0, 0), UsageCounts::plus);
    }

    private static UsageCounts sum(Map<String, UsageCounts> usage, String part) {
        return usage.entrySet().stream().filter(e -> e.getKey().contains(part)).map(Map.Entry::getValue)
                .reduce(UsageCounts.ZERO, UsageCounts::plus);
    }


    /**
     * Rolls up until every expected key's ops are in the usage objects (a request is counted just after its
     * response is sent), then once more; the sums over every object written, read through {@code ?ostor-usage}.
     */
    private Map<String, UsageCounts> countsAfterRollups(Map<String, UsageCounts> ops) throws Exception {
        Map<String, UsageCounts> sums = new HashMap<>();
        for (int i = 0; i < 50 && !complete(sums, ops); i++) {
            add(rollup.rollup(), sums);
            if (!complete(sums, ops)) {
                Thread.sleep(20);
            }
        }
        add(rollup.rollup(), sums);
        return sums;
    }

    private static boolean complete(Map<String, UsageCounts> sums, Map<String, UsageCounts> ops) {
        return ops.entrySet().stream().allMatch(e -> {
            UsageCounts u = sums.get(e.getKey());
            return u != null && u.put() + u.get() + u.list() + u.other() == e.getValue().put() + e.getValue().get()
                    + e.getValue().list() + e.getValue().other();
        });
    }

    private static void add(Optional<UsageName> name, Map<String, UsageCounts> sums) {
        if (name.isEmpty()) {
            return;
        }
        Response r = OstorCalls.call(OstorCalls.Signing.V2, "GET", "/?ostor-usage&obj=" + name.get());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<Map<String, Object>> items = r.jsonPath().getList("items");
        for (int i = 0; i < items.size(); i++) {
            JsonPath c = new JsonPath(r.asString()).setRootPath("items[" + i + "]");
            sums.merge(c.getString("key.bucket") + " " + c.getString("key.user_id"),
                    new UsageCounts(c.getLong("counters.ops.put"), c.getLong("counters.ops.get"),
                            c.getLong("counters.ops.list"), c.getLong("counters.ops.other"),
                            c.getLong("counters.net_io.uploaded"), c.getLong("counters.net_io.downloaded")),
                    UsageCounts::plus);
        }
    }

    private JsonObject utapi(String path, String level, String name, long start, long end) throws Exception {
        String body = "{\"" + level + "\":[\"" + name + "\"],\"timeRange\":[" + start + "," + end + "]}";
        HttpResponse<String> r = MeteringCalls.utapi(server.port(), path, body, ACCESS_KEY, SECRET_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).getJsonObject(0);
    }

    private JsonArray usageRecords(UserAccount user, LocalDate day) throws Exception {
        HttpResponse<String> r = MeteringCalls.cloudstack(server.port(), ACCESS_KEY, SECRET_KEY,
                new Param("command", "listUsageRecords"), new Param("startdate", day.toString()),
                new Param("enddate", day.toString()), new Param("accountid", user.id()),
                new Param("pagesize", "100"), new Param("response", "json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject answer = new JsonObject(r.body()).getJsonObject("listusagerecordsresponse");
        JsonArray records = answer.getJsonArray("usagerecord");
        return records == null ? new JsonArray() : records;
    }
}
