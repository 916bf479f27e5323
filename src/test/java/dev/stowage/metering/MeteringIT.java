package dev.stowage.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.Permission;
import dev.stowage.accounts.Permissions;
import dev.stowage.accounts.UserAccount;
import dev.stowage.it.S3TestSupport;
import dev.stowage.metering.billing.BillingExporter;
import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metering surfaces over known ledger data ({@link FixedLedger}): UTAPI ListMetrics (shapes, numbers, the
 * 15-minute rules, the error table, access), the CloudStack usage API (XML and JSON shapes, paging, signature and
 * permission errors, the asynchronous generateUsageRecords), and the billing export (files, idempotence).
 */
@QuarkusTest
@TestProfile(FixedLedger.Profile.class)
class MeteringIT {
    private static final LocalDate DAY = LocalDate.parse("2024-03-10");
    private static final Instant T10 = Instant.parse("2024-03-10T10:00:00Z");
    private static final Instant T1015 = Instant.parse("2024-03-10T10:15:00Z");
    private static final long START = T10.toEpochMilli();
    private static final long END = Instant.parse("2024-03-10T10:29:59.999Z").toEpochMilli();
    private static final HttpClient HTTP = MeteringCalls.HTTP;

    @Inject
    FixedLedger ledger;

    @Inject
    Accounts accounts;

    @Inject
    Permissions permissions;

    @Inject
    MeteringServer server;

    @Inject
    BillingExporter exporter;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private UserAccount user;
    private String photos;

    @BeforeEach
    void knownData() {
        ledger.reset();
        user = accounts.createUser("metering-" + System.nanoTime() + "@example.com", false);
        photos = "photos-" + System.nanoTime();
        accounts.bucketCreated(new BucketRecord(photos, user.id(), T10, 7));
        String u = user.id();
        ledger.add(T10, new MeteringLedger.Traffic(photos, 7, u, u, "PutObject", 2, 1000, 0));
        ledger.add(T10, new MeteringLedger.Traffic(photos, 7, u, u, "GetObject", 3, 0, 5000));
        ledger.add(T10, new MeteringLedger.Traffic(photos, 7, u, u, "ListObjectsV2", 1, 0, 300));
        ledger.add(T10, new MeteringLedger.Traffic("logs", 3, S3TestSupport.USER_ID, S3TestSupport.USER_ID,
                "DeleteObject", 1, 0, 0));
        ledger.add(T1015, new MeteringLedger.Traffic(photos, 7, u, u, "PutObject", 1, 24, 0));
        ledger.snapshot(DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                new MeteringLedger.Storage(photos, 7, u, 1000, 2), BigInteger.ZERO);
        ledger.snapshot(T1015, new MeteringLedger.Storage(photos, 7, u, 2024, 3), BigInteger.valueOf(36_900_000));
    }

    // ---- UTAPI ----

    @Test
    void listMetrics_bucket_reportsTrafficStorageAndOperations() throws Exception {
        HttpResponse<String> r = utapi("/buckets", body("buckets", photos), S3TestSupport.ACCESS_KEY,
                S3TestSupport.SECRET_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonArray answer = new JsonArray(r.body());
        assertThat(answer).hasSize(1);
        JsonObject m = answer.getJsonObject(0);
        assertThat(m.fieldNames()).containsExactly("timeRange", "storageUtilized", "incomingBytes", "outgoingBytes",
                "numberOfObjects", "operations", "bucketName");
        assertThat(m.getJsonArray("timeRange").getList()).containsExactly(START, END);
        assertThat(m.getJsonArray("storageUtilized").getList()).containsExactly(1000, 2024);
        assertThat(m.getJsonArray("numberOfObjects").getList()).containsExactly(2, 3);
        assertThat(m.getLong("incomingBytes")).isEqualTo(1024);
        assertThat(m.getLong("outgoingBytes")).isEqualTo(5300);
        JsonObject ops = m.getJsonObject("operations");
        assertThat(ops.getLong("s3:PutObject")).isEqualTo(3);
        assertThat(ops.getLong("s3:GetObject")).isEqualTo(3);
        assertThat(ops.getLong("s3:ListBucket")).isEqualTo(1);
        assertThat(ops.getLong("s3:DeleteObject")).isZero();
        assertThat(ops.getLong("s3:HeadObject")).isZero();
        assertThat(ops.fieldNames()).contains("s3:CreateBucket", "s3:GetBucketVersioning", "s3:MultiObjectDelete");
        assertThat(m.getString("bucketName")).isEqualTo(photos);
    }

    @Test
    void listMetrics_accountsUsersService_sumTheirSlices() throws Exception {
        JsonObject account = new JsonArray(utapi("/accounts", body("accounts", user.id()), S3TestSupport.ACCESS_KEY,
                S3TestSupport.SECRET_KEY).body()).getJsonObject(0);
        assertThat(account.getString("accountId")).isEqualTo(user.id());
        assertThat(account.getLong("incomingBytes")).isEqualTo(1024);
        assertThat(account.getJsonArray("storageUtilized").getList()).containsExactly(1000, 2024);
        JsonObject service = new JsonArray(utapi("/service", body("service", "s3"), S3TestSupport.ACCESS_KEY,
                S3TestSupport.SECRET_KEY).body()).getJsonObject(0);
        assertThat(service.getString("serviceName")).isEqualTo("s3");
        assertThat(service.getJsonObject("operations").getLong("s3:DeleteObject")).isEqualTo(1);
        assertThat(service.getJsonObject("operations").getLong("s3:PutObject")).isEqualTo(3);
    }

    @Test
    void listMetrics_badTimeRange_isInvalidParameterValueInUtapiJson() throws Exception {
        String bad = "{\"buckets\":[\"" + photos + "\"],\"timeRange\":[" + (START + 1000) + "," + END + "]}";
        HttpResponse<String> r = utapi("/buckets", bad, S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(r.body());
        assertThat(error.fieldNames()).containsExactly("code", "message");
        assertThat(error.getString("code")).isEqualTo("InvalidParameterValue");
    }

    @Test
    void listMetrics_unsignedOrUnknownKeyOrBadSignature_isRefused() throws Exception {
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(meteringUri("/buckets?Action=ListMetrics"))
                .POST(HttpRequest.BodyPublishers.ofString(body("buckets", photos))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(unsigned.body()).getString("code")).isEqualTo("MissingAuthenticationToken");
        HttpResponse<String> unknown = utapi("/buckets", body("buckets", photos), "NOSUCHKEY0000000", "secret");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(unknown.body()).getString("code")).isEqualTo("InvalidAccessKeyId");
        HttpResponse<String> wrong = utapi("/buckets", body("buckets", photos), S3TestSupport.ACCESS_KEY, "wrong-secret");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(wrong.body()).getString("code")).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void listMetrics_userWithoutPermission_isAccessDenied_withPermission_seesOnlyOwnBuckets() throws Exception {
        String key = user.keys().get(0).accessKeyId();
        String secret = user.keys().get(0).secretAccessKey();
        HttpResponse<String> denied = utapi("/buckets", body("buckets", photos), key, secret);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(denied.body()).getString("code")).isEqualTo("AccessDenied");

        permissions.set(user.id(), Permission.UTAPI_LIST_METRICS, true);
        JsonArray own = new JsonArray(utapi("/buckets", "{\"buckets\":[\"" + photos + "\",\"logs\"],\"timeRange\":["
                + START + "," + END + "]}", key, secret).body());
        assertThat(own).hasSize(1);
        assertThat(own.getJsonObject(0).getString("bucketName")).isEqualTo(photos);
        HttpResponse<String> service = utapi("/service", body("service", "s3"), key, secret);
        assertThat(service.statusCode()).isEqualTo(403);
        HttpResponse<String> otherAccount = utapi("/accounts", body("accounts", S3TestSupport.USER_ID), key, secret);
        assertThat(new JsonObject(otherAccount.body()).getString("code")).isEqualTo("AccessDenied");
    }

    // ---- CloudStack usage API ----

    @Test
    void listUsageTypes_xml_hasCountAndTypes() throws Exception {
        HttpResponse<String> r = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageTypes"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><listusagetypesresponse cloud-stack-version=\"");
        assertThat(r.body()).contains("<count>" + UsageType.values().length + "</count>")
                .contains("<usagetype><usagetypeid>4</usagetypeid><name>NETWORK_BYTES_SENT</name><description>")
                .contains("<usagetypeid>100</usagetypeid><name>OBJECT_STORAGE</name>");
    }

    @Test
    void listUsageRecords_json_dailyRecordsPerAccountBucketAndType() throws Exception {
        JsonObject r = new JsonObject(cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageRecords"), new Param("startdate", DAY.toString()),
                new Param("enddate", DAY.toString()), new Param("accountid", user.id()), new Param("response", "json"))
                .body()).getJsonObject("listusagerecordsresponse");
        // received, sent, put, get, list, storage
        assertThat(r.getInteger("count")).isEqualTo(6);
        JsonArray records = r.getJsonArray("usagerecord");
        JsonObject first = records.getJsonObject(0);
        assertThat(first.fieldNames()).containsExactly("account", "accountid", "description", "usage", "usagetype",
                "rawusage", "usageid", "type", "startdate", "enddate");
        assertThat(first.getString("startdate")).isEqualTo("2024-03-10T00:00:00+0000");
        assertThat(first.getString("enddate")).isEqualTo("2024-03-10T23:59:59+0000");
        assertThat(first.getString("account")).isEqualTo(user.email());
        assertThat(raw(records, 5)).isEqualTo("1024");
        assertThat(raw(records, 4)).isEqualTo("5300");
        assertThat(raw(records, 101)).isEqualTo("3");
        assertThat(raw(records, 102)).isEqualTo("3");
        assertThat(raw(records, 103)).isEqualTo("1");
        // 1000 B for 36900 s, then 2024 B for 49500 s: 137088000 byte-seconds = 38080 byte-hours
        assertThat(raw(records, 100)).isEqualTo("38080.0");
    }

    @Test
    void listUsageRecords_paging_pagesizeOverDefault_andMissingDate_areParamErrors() throws Exception {
        JsonObject page2 = new JsonObject(cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageRecords"), new Param("startdate", DAY.toString()),
                new Param("enddate", DAY.toString()), new Param("accountid", user.id()), new Param("page", "2"),
                new Param("pagesize", "4"), new Param("response", "json")).body())
                .getJsonObject("listusagerecordsresponse");
        assertThat(page2.getInteger("count")).isEqualTo(6);
        assertThat(page2.getJsonArray("usagerecord")).hasSize(2);

        HttpResponse<String> tooBig = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageRecords"), new Param("startdate", DAY.toString()),
                new Param("enddate", DAY.toString()), new Param("pagesize", "501"), new Param("response", "json"));
        assertThat(tooBig.statusCode()).isEqualTo(431);
        JsonObject error = new JsonObject(tooBig.body()).getJsonObject("listusagerecordsresponse");
        assertThat(error.getInteger("errorcode")).isEqualTo(431);
        assertThat(error.getInteger("cserrorcode")).isEqualTo(4350);

        HttpResponse<String> missing = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageRecords"), new Param("enddate", DAY.toString()));
        assertThat(missing.statusCode()).isEqualTo(431);
        assertThat(missing.body()).contains("<errorcode>431</errorcode><cserrorcode>4350</cserrorcode>"
                + "<errortext>Unable to execute API command listusagerecords due to missing parameter startdate</errortext>");
    }

    @Test
    void usageApi_badSignature_nonSystemKey_expiredCall_unknownCommand_areRefused() throws Exception {
        HttpResponse<String> bad = cloudstack(S3TestSupport.ACCESS_KEY, "wrong", new Param("command", "listUsageTypes"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("<errorcode>401</errorcode><cserrorcode>9999</cserrorcode>");
        HttpResponse<String> user401 = cloudstack(user.keys().get(0).accessKeyId(), user.keys().get(0).secretAccessKey(),
                new Param("command", "listUsageTypes"));
        assertThat(user401.statusCode()).isEqualTo(401);
        assertThat(user401.body()).contains("<cserrorcode>4365</cserrorcode>");
        HttpResponse<String> expired = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageTypes"), new Param("signatureVersion", "3"),
                new Param("expires", "2020-01-01T00:00:00+0000"));
        assertThat(expired.statusCode()).isEqualTo(401);
        HttpResponse<String> valid = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "listUsageTypes"), new Param("signatureVersion", "3"),
                new Param("expires", "2099-01-01T00:00:00+0000"));
        assertThat(valid.statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "deployVirtualMachine"), new Param("response", "json"));
        assertThat(unknown.statusCode()).isEqualTo(432);
        assertThat(new JsonObject(unknown.body()).getJsonObject("deployvirtualmachineresponse").getString("errortext"))
                .isEqualTo("The given command does not exist or it is not available for user");
    }

    @Test
    void generateUsageRecords_isAJob_whoseResultIsPolled_andWhoseFilesMatchTheApi() throws Exception {
        JsonObject started = new JsonObject(cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                new Param("command", "generateUsageRecords"), new Param("startdate", DAY.toString()),
                new Param("enddate", DAY.toString()), new Param("response", "json")).body())
                .getJsonObject("generateusagerecordsresponse");
        String jobId = started.getString("jobid");
        assertThat(jobId).isNotBlank();
        JsonObject job = null;
        for (int i = 0; i < 200; i++) {
            job = new JsonObject(cloudstack(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY,
                    new Param("command", "queryAsyncJobResult"), new Param("jobid", jobId), new Param("response", "json"))
                    .body()).getJsonObject("queryasyncjobresultresponse");
            if (job.getInteger("jobstatus") != 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(job.getInteger("jobstatus")).isEqualTo(1);
        assertThat(job.getInteger("jobresultcode")).isZero();
        assertThat(job.getJsonObject("jobresult").getBoolean("success")).isTrue();
        Path csv = Path.of("target/test-billing", UsageRecordFormat.fileName(DAY, UsageRecordFormat.Format.CSV));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", UsageRecordFormat.COLUMNS));
        assertThat(lines).anyMatch(l -> l.contains(user.id()) && l.contains(",100,OBJECT_STORAGE,38080.000000,"));
    }

    @Test
    void export_scheduledTwice_exportsOnce_forcedRerunReplacesWithTheSameFiles() throws Exception {
        LocalDate day = LocalDate.parse("2024-03-10").minusDays(400 + (System.nanoTime() % 1000));
        ledger.add(day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                new MeteringLedger.Traffic(photos, 7, user.id(), user.id(), "GetObject", 5, 0, 777));
        Path dir = Files.createTempDirectory(Path.of("target"), "export");
        BillingExporter.Destinations to = new BillingExporter.Destinations(Optional.empty(), "", Optional.of(dir));
        BillingExporter.Result first = exporter.export(day, false, to);
        assertThat(first.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(first.records()).isEqualTo(2);
        Path jsonl = dir.resolve(UsageRecordFormat.fileName(day, UsageRecordFormat.Format.JSONL));
        String content = Files.readString(jsonl);
        assertThat(content.lines()).hasSize(2);
        assertThat(content).contains("\"usagetype\":4,\"usagetypename\":\"NETWORK_BYTES_SENT\",\"rawusage\":777,");

        assertThat(exporter.export(day, false, to).outcome()).isEqualTo(BillingExporter.Outcome.ALREADY_DONE);
        BillingExporter.Result again = exporter.export(day, true, to);
        assertThat(again.outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(Files.readString(jsonl)).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                    UsageRecordFormat.fileName(day, UsageRecordFormat.Format.CSV),
                    UsageRecordFormat.fileName(day, UsageRecordFormat.Format.JSONL));
        }
    }

    // ---- helpers ----

    private static String raw(JsonArray records, int type) {
        for (int i = 0; i < records.size(); i++) {
            JsonObject r = records.getJsonObject(i);
            if (r.getInteger("usagetype") == type) {
                return r.getValue("rawusage").toString();
            }
        }
        return null;
    }

    private String body(String level, String name) {
        return "{\"" + level + "\":[\"" + name + "\"],\"timeRange\":[" + START + "," + END + "]}";
    }

    private URI meteringUri(String pathAndQuery) {
        return MeteringCalls.uri(server.port(), pathAndQuery);
    }

    private HttpResponse<String> utapi(String path, String body, String key, String secret) throws Exception {
        return MeteringCalls.utapi(server.port(), path, body, key, secret);
    }

    private HttpResponse<String> cloudstack(String key, String secret, Param... given) throws Exception {
        return MeteringCalls.cloudstack(server.port(), key, secret, given);
    }
}
