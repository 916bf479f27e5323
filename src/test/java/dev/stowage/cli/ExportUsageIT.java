package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.stowage.it.S3TestSupport;
import dev.stowage.metering.MeteringCalls;
import dev.stowage.metering.MeteringServer;
import dev.stowage.metering.billing.BillingExporter;
import dev.stowage.metering.billing.UsageRecordFormat;
import dev.stowage.metering.billing.UsageRecordFormat.Format;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import dev.stowage.usage.UsageRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code export-usage} run in-process against the real gateway's metering endpoint, after known traffic and a
 * rollup: the file it writes (CSV or JSON Lines, to {@code -o} or stdout) is line for line {@code listUsageRecords}
 * of those days in the billing export's format, progress goes to stderr, and bad arguments and refusals end with
 * the documented exit codes. The CLI learns the metering port from {@code STOWAGE_METERING_ENDPOINT} (the test
 * profile's port is a free one; the default, the gateway port + 100, is checked by the unreachable case).
 */
@QuarkusTest
class ExportUsageIT extends S3TestSupport {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Inject
    MeteringServer metering;

    @Inject
    UsageRollup rollup;

    @Inject
    BillingExporter exporter;

    private Map<String, String> env() {
        return env(ACCESS_KEY, SECRET_KEY);
    }

    private Map<String, String> env(String key, String secret) {
        return Map.of("STOWAGE_ENDPOINT", endpoint().toString(), "STOWAGE_ACCESS_KEY", key, "STOWAGE_SECRET_KEY",
                secret, "STOWAGE_METERING_ENDPOINT", "http://localhost:" + metering.port());
    }

    private CliRun cli(String... args) {
        return CliRun.run(env(), args);
    }

    /** A day's usage records as the API answers them, rendered as the lines of the export file. */
    private List<String> apiLines(LocalDate day, Format format) throws Exception {
        List<String> lines = new ArrayList<>();
        int count = -1;
        for (int page = 1; count < 0 || lines.size() < count; page++) {
            HttpResponse<String> r = MeteringCalls.cloudstack(metering.port(), ACCESS_KEY, SECRET_KEY,
                    new Param("command", "listUsageRecords"), new Param("startdate", day.toString()),
                    new Param("enddate", day.toString()), new Param("page", Integer.toString(page)),
                    new Param("pagesize", "100"), new Param("response", "json"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            // numbers as sent (rawusage 1.500000 stays so): exact decimals
            JsonNode answer = EXACT.readTree(r.body()).path("listusagerecordsresponse");
            JsonNode records = answer.path("usagerecord");
            if (records.isMissingNode()) {
                break;
            }
            count = answer.path("count").asInt();
            for (JsonNode record : records) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String column : UsageRecordFormat.COLUMNS) {
                    fields.put(column, column.equals("usagetypename")
                            ? UsageRecordFormat.typeName(record.path("usagetype").asText())
                            : record.path(column).isNumber() ? record.path(column).decimalValue().toPlainString()
                                    : record.path(column).asText());
                }
                lines.add(UsageRecordFormat.line(format, fields).stripTrailing());
            }
        }
        return lines;
    }

    /** Known traffic on a new bucket, rolled up until the metering tables hold all of it (bounded). */
    private String trafficRolledUp() throws Exception {
        String bucket = newBucket();
        for (int i = 0; i < 3; i++) {
            int n = i;
            s3.putObject(r -> r.bucket(bucket).key("k" + n), RequestBody.fromBytes(new byte[1000]));
        }
        s3.getObjectAsBytes(r -> r.bucket(bucket).key("k0"));
        s3.listObjectsV2(r -> r.bucket(bucket));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < 50; i++) {
            rollup.rollup();
            Map<Integer, String> types = new HashMap<>();
            for (String line : apiLines(today, Format.CSV)) {
                String[] f = line.split(",");
                if (f[4].equals(bucket)) {
                    types.put(Integer.parseInt(f[5]), f[7]);
                }
            }
            // CreateBucket and 3 puts; a get; a list
            if ("4".equals(types.get(101)) && "1".equals(types.get(102)) && "1".equals(types.get(103))) {
                return bucket;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the traffic on " + bucket + " never reached the usage records");
    }

    @Test
    void exportUsage_csvToAFile_isTheUsageRecordsOfThePeriod_withProgressOnStderr() throws Exception {
        String bucket = trafficRolledUp();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        Path file = Files.createTempDirectory(Path.of("target"), "export-usage").resolve("usage.csv");

        CliRun run = cli("export-usage", "--from", yesterday.toString(), "--to", today.toString(), "--format", "csv",
                "-o", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as("the file goes to -o").isEmpty();
        List<String> expected = new ArrayList<>();
        expected.add(String.join(",", UsageRecordFormat.COLUMNS));
        expected.addAll(apiLines(yesterday, Format.CSV));
        int yesterdays = expected.size() - 1;
        expected.addAll(apiLines(today, Format.CSV));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).isEqualTo(expected);
        assertThat(lines).anyMatch(l -> l.contains("," + bucket + ",101,OBJECT_PUT_REQUESTS,4,4 Requests,"))
                .anyMatch(l -> l.contains("," + bucket + ",5,NETWORK_BYTES_RECEIVED,"));
        assertThat(run.err()).containsExactly(
                "export-usage: " + yesterday + " done (1/2 days, " + yesterdays + " records)",
                "export-usage: " + today + " done (2/2 days, " + (expected.size() - 1) + " records)");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no temp file left")
                    .containsExactly("usage.csv");
        }
    }

    @Test
    void exportUsage_jsonlToStdout_isTheUsageRecordsOfTheDay() throws Exception {
        String bucket = trafficRolledUp();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        CliRun run = cli("export-usage", "--from", today.toString(), "--to", today.toString(), "--format", "jsonl");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> expected = apiLines(today, Format.JSONL);
        assertThat(run.out()).isEqualTo(expected);
        assertThat(run.out()).anyMatch(l -> l.contains("\"usageid\":\"" + bucket + "\",\"usagetype\":102,"
                + "\"usagetypename\":\"OBJECT_GET_REQUESTS\",\"rawusage\":1,"));
        for (String line : run.out()) {
            assertThat(new JsonObject(line).fieldNames()).containsExactlyElementsOf(UsageRecordFormat.COLUMNS);
        }
        assertThat(run.err()).containsExactly("export-usage: " + today + " done (1/1 days, " + expected.size()
                + " records)");

        Path dir = Files.createTempDirectory(Path.of("target"), "export-usage-gateway");
        assertThat(exporter.export(today, true, new BillingExporter.Destinations(Optional.empty(), "",
                Optional.of(dir))).outcome()).isEqualTo(BillingExporter.Outcome.EXPORTED);
        assertThat(run.outText() + "\n").as("the gateway's own export file of the day")
                .isEqualTo(Files.readString(dir.resolve(UsageRecordFormat.fileName(today, Format.JSONL))));
    }

    @Test
    void exportUsage_badArguments_areUsageErrors_exit1_andWriteNothing() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "export-usage-bad");
        Path file = dir.resolve("out.csv");
        List<String[]> bad = List.of(
                new String[] {"export-usage", "--from", "2024-01-01", "--to", "2024-01-02", "--format", "xml"},
                new String[] {"export-usage", "--from", "2024-01-05", "--to", "2024-01-02"},
                new String[] {"export-usage", "--from", "2024-13-01", "--to", "2024-12-02"},
                new String[] {"export-usage", "--from", "yesterday", "--to", "2024-12-02"},
                new String[] {"export-usage", "--to", "2024-01-02"},
                new String[] {"export-usage", "--from", "2024-01-02", "--to", "2024-01-02", "--bogus"},
                new String[] {"export-usage", "--from", "2024-01-01", "--to", "2024-01-02", "-o",
                    dir.resolve("missing/out.csv").toString()},
                new String[] {"export-usage", "--from", "2024-01-01", "--to", "2024-01-02", "-o", dir.toString()});
        for (String[] args : bad) {
            String[] withOutput = args;
            if (!List.of(args).contains("-o")) {
                withOutput = java.util.Arrays.copyOf(args, args.length + 2);
                withOutput[args.length] = "-o";
                withOutput[args.length + 1] = file.toString();
            }
            CliRun run = cli(withOutput);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).as(run.toString()).isNotEmpty().first().asString().startsWith("ostor-s3-admin: ");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("nothing written").isEmpty();
        }
    }

    @Test
    void exportUsage_refusedKey_isExit4_unreachableEndpoint_isExit5_andAnEarlierFileIsKept() throws Exception {
        Path file = Files.createTempDirectory(Path.of("target"), "export-usage-refused").resolve("usage.jsonl");
        Files.writeString(file, "an earlier export\n");
        String day = LocalDate.now(ZoneOffset.UTC).toString();

        CliRun wrongSecret = CliRun.run(env(ACCESS_KEY, SECRET_KEY.replace('T', 'x')), "export-usage", "--from", day,
                "--to", day, "--format", "jsonl", "-o", file.toString());
        assertThat(wrongSecret.exitCode()).as(wrongSecret.toString()).isEqualTo(4);
        assertThat(wrongSecret.err()).singleElement().asString().startsWith("ostor-s3-admin: ").endsWith("(HTTP 401)");

        OstorS3AdminIT.Created user = createUserThroughTheCli();
        CliRun notSystem = CliRun.run(env(user.accessKey(), user.secretKey()), "export-usage", "--from", day, "--to",
                day, "-o", file.toString());
        assertThat(notSystem.exitCode()).as(notSystem.toString()).isEqualTo(4);
        assertThat(notSystem.err()).singleElement().asString().endsWith("(HTTP 401)");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> nowhere = new HashMap<>(env());
        nowhere.put("STOWAGE_METERING_ENDPOINT", "http://127.0.0.1:" + closed);
        CliRun unreachable = CliRun.run(nowhere, "export-usage", "--from", day, "--to", day, "-o", file.toString());
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(unreachable.err()).singleElement().asString()
                .startsWith("ostor-s3-admin: cannot reach the metering endpoint at 127.0.0.1:" + closed);
        // without the setting: the gateway's port + 100, where nothing listens in the test profile
        Map<String, String> byConvention = new HashMap<>(env());
        byConvention.remove("STOWAGE_METERING_ENDPOINT");
        CliRun conventional = CliRun.run(byConvention, "export-usage", "--from", day, "--to", day, "-o",
                file.toString());
        assertThat(conventional.err()).as(conventional.toString()).singleElement().asString()
                .contains(":" + (endpoint().getPort() + 100));

        assertThat(Files.readString(file)).as("failed runs keep the earlier file").isEqualTo("an earlier export\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    private OstorS3AdminIT.Created createUserThroughTheCli() {
        String email = "export-usage-" + System.nanoTime() % 1_000_000_000 + "@example.com";
        CliRun run = CliRun.run(env(), "create-user", "-e", email);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.out().get(1).substring("UserId:".length());
        return new OstorS3AdminIT.Created(email, id, run.out().get(2).substring("KeyPair[0]:S3AccessKeyId:".length()),
                run.out().get(3).substring("KeyPair[0]:S3SecretAccessKey:".length()));
    }
}
