package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.db.EmbeddedDatabase;
import dev.stowage.it.GatewayProcesses.Gateway;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Two gateway replicas as on Kubernetes, here two processes on loopback sharing one data directory and one
 * PostgreSQL (an embedded server this test starts), each with its own instance id: what one does, the other sees —
 * objects and buckets at once (the shared filesystem), users and key revocations within a second (PostgreSQL
 * NOTIFY to every replica's credential cache); each counts its own usage under its own service id, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasProcessIT {
    /** How often, 100 ms apart, the other replica is asked before a change must have reached it (about a second). */
    private static final int PROPAGATION_POLLS = 10;
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    @RegisterExtension
    final GatewayProcesses processes = new GatewayProcesses(ReplicasProcessIT.class);

    private Path temp;
    private EmbeddedDatabase database;
    private Gateway a;
    private Gateway b;
    private S3Client s3a;
    private S3Client s3b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTwoReplicas() throws Exception {
        temp = Files.createTempDirectory("stowage-replicas");
        database = EmbeddedDatabase.start(temp.resolve("postgres"), temp.resolve("postgres.log"), false);
        Path data = temp.resolve("data");
        // both at once, as a Deployment starts its pods: schema migration and system user creation race
        a = processes.launch(data, replica("replica-a"), List.of("-Xmx256m"));
        b = processes.launch(data, replica("replica-b"), List.of("-Xmx256m"));
        GatewayProcesses.awaitUp(a);
        GatewayProcesses.awaitUp(b);
        s3a = processes.client(a, 4, Duration.ofSeconds(30));
        s3b = processes.client(b, 4, Duration.ofSeconds(30));
    }

    private Map<String, String> replica(String instanceId) {
        Map<String, String> env = new HashMap<>(GatewayProcesses.databaseEnvironment(database));
        env.put("STOWAGE_INSTANCE_ID", instanceId);
        env.put("STOWAGE_LIMITS_REPLICAS", "2");
        env.put("STOWAGE_USAGE_PERIOD", "2");
        return env;
    }

    @AfterAll
    void stopEverything() throws IOException {
        for (S3Client c : new S3Client[] {s3a, s3b}) {
            if (c != null) {
                c.close();
            }
        }
        processes.close();
        if (database != null) {
            database.close();
        }
        try (var walk = Files.walk(temp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void putObject_throughOne_isReadableThroughTheOtherAtOnce() {
        s3a.createBucket(r -> r.bucket("replicas-objects"));
        for (int i = 0; i < 5; i++) {
            String content = "version " + i;
            s3a.putObject(r -> r.bucket("replicas-objects").key("k"), RequestBody.fromString(content));
            assertThat(s3b.getObjectAsBytes(r -> r.bucket("replicas-objects").key("k")).asUtf8String()).isEqualTo(content);
        }
        s3b.deleteObject(r -> r.bucket("replicas-objects").key("k"));
        assertThat(s3a.listObjectsV2(r -> r.bucket("replicas-objects")).contents()).isEmpty();
    }

    @Test
    void createBucket_throughOne_isListedByTheOther() {
        s3a.createBucket(r -> r.bucket("replicas-listed"));
        assertThat(s3b.listBuckets().buckets()).extracting(Bucket::name).contains("replicas-listed");
        s3b.headBucket(r -> r.bucket("replicas-listed"));
        s3b.deleteBucket(r -> r.bucket("replicas-listed"));
        assertThat(s3a.listBuckets().buckets()).extracting(Bucket::name).doesNotContain("replicas-listed");
    }

    @Test
    void revokeKey_throughOne_isRefusedByTheOtherWithinASecond() throws Exception {
        String email = "replica-" + System.nanoTime() + "@example.com";
        HttpResponse<String> created = ostor(a, "PUT", "/?ostor-users&emailAddress=" + email);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonPath user = JsonPath.from(created.body());
        String key = user.getString("AWSAccessKeys[0].AWSAccessKeyId");
        String secret = user.getString("AWSAccessKeys[0].AWSSecretAccessKey");

        try (S3Client userOnB = GatewayProcesses.client(b, key, secret, 2, Duration.ofSeconds(10))) {
            assertThat(pollStatus(userOnB, 200)).as("the new user's requests on the other replica").isEqualTo(200);

            HttpResponse<String> revoked = ostor(a, "POST", "/?ostor-users&emailAddress=" + email + "&revokeKey=" + key);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

            assertThat(pollStatus(userOnB, 403)).as("the revoked key on the other replica").isEqualTo(403);
        }
    }

    @Test
    void usage_ofBothReplicas_isListedWithDistinctServiceIds_andCountedOnce() throws Exception {
        String bucket = "replicas-usage";
        s3a.createBucket(r -> r.bucket(bucket));
        for (int i = 0; i < 3; i++) {
            int n = i;
            s3a.putObject(r -> r.bucket(bucket).key("a" + n), RequestBody.fromString("through a " + n));
        }
        for (int i = 0; i < 2; i++) {
            int n = i;
            s3b.putObject(r -> r.bucket(bucket).key("b" + n), RequestBody.fromString("through b " + n));
            s3b.getObjectAsBytes(r -> r.bucket(bucket).key("a" + n));
        }
        s3a.getObjectAsBytes(r -> r.bucket(bucket).key("b0"));
        long puts = 1 + 3 + 2; // CreateBucket and the PutObjects
        long gets = 2 + 1;

        // both replicas close a period every 2 s (STOWAGE_USAGE_PERIOD): poll until every request is in an object
        Map<String, long[]> byService = Map.of();
        for (int i = 0; i < 150 && !(byService.size() == 2 && total(byService, 0) == puts
                && total(byService, 1) == gets); i++) {
            Thread.sleep(200);
            byService = usageOf(bucket);
        }
        assertThat(byService).as("usage objects of both replicas' service ids").hasSize(2);
        assertThat(total(byService, 0)).as("put requests, counted once").isEqualTo(puts);
        assertThat(total(byService, 1)).as("get requests, counted once").isEqualTo(gets);

        // the metering rows come from the same snapshots: the same service ids and sums in PostgreSQL
        Map<String, Long> rows = new HashMap<>();
        for (int i = 0; i < PROPAGATION_POLLS * 5 && !rows.keySet().equals(byService.keySet()); i++) {
            Thread.sleep(100);
            rows = meteringOps(bucket);
        }
        assertThat(rows.keySet()).isEqualTo(byService.keySet());
        assertThat(rows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(puts + gets);
    }

    private static long total(Map<String, long[]> byService, int index) {
        return byService.values().stream().mapToLong(c -> c[index]).sum();
    }

    /** Per service id, the put and get counts of {@code bucket} over every usage object listed by replica a. */
    private Map<String, long[]> usageOf(String bucket) throws Exception {
        HttpResponse<String> list = ostor(a, "GET", "/?ostor-usage");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        Map<String, long[]> byService = new HashMap<>();
        for (String name : JsonPath.from(list.body()).getList("items", String.class)) {
            HttpResponse<String> object = ostor(a, "GET", "/?ostor-usage&obj=" + name);
            assertThat(object.statusCode()).as(object.body()).isEqualTo(200);
            JsonPath json = JsonPath.from(object.body());
            List<Map<String, Object>> items = json.getList("items");
            for (int i = 0; i < items.size(); i++) {
                JsonPath item = JsonPath.from(object.body()).setRootPath("items[" + i + "]");
                if (bucket.equals(item.getString("key.bucket"))) {
                    long[] c = byService.computeIfAbsent(json.getString("service_id"), k -> new long[2]);
                    c[0] += item.getLong("counters.ops.put");
                    c[1] += item.getLong("counters.ops.get");
                }
            }
        }
        return byService;
    }

    /** Requests of {@code bucket} per service id in the metering table. */
    private Map<String, Long> meteringOps(String bucket) throws Exception {
        Map<String, String> settings = database.datasourceSettings();
        Map<String, Long> ops = new HashMap<>();
        try (Connection c = DriverManager.getConnection(settings.get("quarkus.datasource.jdbc.url"),
                settings.get("quarkus.datasource.username"), settings.get("quarkus.datasource.password"));
                PreparedStatement q = c.prepareStatement(
                        "select service_id, sum(ops) from metering_traffic where bucket = ? group by service_id")) {
            q.setString(1, bucket);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ops.put(r.getString(1).strip(), r.getLong(2));
                }
            }
        }
        return ops;
    }

    /** Asks {@code client} for ListBuckets up to {@link #PROPAGATION_POLLS} times, 100 ms apart, until it answers {@code wanted}; the last status. */
    private static int pollStatus(S3Client client, int wanted) throws InterruptedException {
        int status = -1;
        for (int i = 0; i < PROPAGATION_POLLS && status != wanted; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            try {
                client.listBuckets();
                status = 200;
            } catch (S3Exception e) {
                status = e.statusCode();
            }
        }
        return status;
    }

    /** An ostor admin request signed as the system user with Signature V2, as the integration guide's s3_curl does. */
    private HttpResponse<String> ostor(Gateway g, String method, String target) throws IOException, InterruptedException {
        String date = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        int amp = target.indexOf('&');
        String resource = amp < 0 ? target : target.substring(0, amp);
        String signature = hmacSha1(GatewayProcesses.SECRET_KEY, method + "\n\n\n" + date + "\n" + resource);
        HttpRequest request = HttpRequest.newBuilder(g.uri(target))
                .header("Date", date)
                .header("Authorization", "AWS " + GatewayProcesses.ACCESS_KEY + ":" + signature)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String hmacSha1(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
