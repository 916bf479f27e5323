package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.db.EmbeddedDatabase;
import dev.stowage.it.GatewayProcesses.Gateway;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The health endpoints of the packaged gateway when what it depends on breaks — the data directory gone, the
 * database stopped — and during a graceful shutdown (readiness down first, the request in flight finished).
 * Each test runs its own gateway against a PostgreSQL this test starts, so it can stop it.
 */
class HealthProcessIT {
    /** Polls of a health endpoint, 250 ms apart, before the expected answer must have come (the store check caches 3 s). */
    private static final int HEALTH_POLLS = 40;

    @RegisterExtension
    final GatewayProcesses processes = new GatewayProcesses(HealthProcessIT.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path temp;
    private EmbeddedDatabase database;

    @BeforeEach
    void startDatabase() throws IOException {
        temp = Files.createTempDirectory("stowage-health");
        database = EmbeddedDatabase.start(temp.resolve("postgres"), temp.resolve("postgres.log"), false);
    }

    @AfterEach
    void stopEverything() throws IOException {
        processes.close();
        database.close();
        try (var walk = Files.walk(temp)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Gateway start(Path data, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(GatewayProcesses.databaseEnvironment(database));
        env.putAll(extra);
        Gateway g = processes.start(data, env, List.of("-Xmx256m"));
        assertThat(poll(g, "/q/health/ready", 200).statusCode()).as("ready after start").isEqualTo(200);
        return g;
    }

    @Test
    void readiness_dataDirectoryGone_isDownUntilItIsBack() throws Exception {
        Path data = temp.resolve("data");
        Gateway g = start(data, Map.of());
        Path away = temp.resolve("data-away");

        Files.move(data, away);
        Health ready = poll(g, "/q/health/ready", 503);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.check("store")).isEqualTo("DOWN");
        assertThat(ready.check("database")).isEqualTo("UP");
        Health live = poll(g, "/q/health/live", 503);
        assertThat(live.statusCode()).as("liveness: a lost volume is what a restart can fix").isEqualTo(503);

        Files.move(away, data);
        assertThat(poll(g, "/q/health/ready", 200).check("store")).isEqualTo("UP");
        assertThat(poll(g, "/q/health/live", 200).statusCode()).isEqualTo(200);
    }

    @Test
    void readiness_databaseStopped_isDownWhileLivenessStaysUp() throws Exception {
        Gateway g = start(temp.resolve("data"), Map.of());

        database.close();
        Health ready = poll(g, "/q/health/ready", 503);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.check("database")).isEqualTo("DOWN");
        assertThat(ready.check("store")).isEqualTo("UP");
        Health live = get(g, "/q/health/live");
        assertThat(live.statusCode()).as("liveness does not depend on the database").isEqualTo(200);
        assertThat(live.check("database")).isNull();
    }

    @Test
    void start_meteringPortTaken_exitsWithAMessageNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = new HashMap<>(GatewayProcesses.databaseEnvironment(database));
            env.put("STOWAGE_METERING_PORT", Integer.toString(taken.getLocalPort()));
            Gateway g = processes.launch(temp.resolve("data"), env, List.of("-Xmx256m"));

            assertThat(g.awaitExit()).as("the gateway gives up instead of running without its metering endpoint").isTrue();
            assertThat(g.process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(g.log)).contains("The metering endpoint cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).contains("STOWAGE_METERING_PORT");
        }
    }

    @Test
    void sigterm_readinessGoesDownFirst_andThePutInFlightCompletes() throws Exception {
        Path data = temp.resolve("data");
        Gateway g = start(data, Map.of("QUARKUS_SHUTDOWN_DELAY", "3s"));
        byte[] content = new byte[256 * 1024];
        new java.util.Random(8).nextBytes(content);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PutObjectResponse put;
        try (S3Client s3 = processes.client(g, 4, Duration.ofSeconds(60))) {
            s3.createBucket(r -> r.bucket("shutdown"));
            CompletableFuture<PutObjectResponse> inFlight = CompletableFuture.supplyAsync(() -> s3.putObject(
                    r -> r.bucket("shutdown").key("in-flight"),
                    RequestBody.fromContentProvider(() -> new HeldStream(content, started, release), content.length,
                            "application/octet-stream")));
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the PUT began sending").isTrue();

            g.terminate();
            Health ready = poll(g, "/q/health/ready", 503);
            assertThat(ready.statusCode()).as("readiness during the shutdown delay").isEqualTo(503);
            assertThat(inFlight).as("the PUT still in flight").isNotDone();

            release.countDown();
            put = inFlight.get(60, TimeUnit.SECONDS);
        }
        assertThat(g.awaitExit()).as("gateway exits after SIGTERM").isTrue();
        assertThat(put.eTag()).isNotBlank();

        Gateway again = start(data, Map.of());
        try (S3Client s3 = processes.client(again, 2, Duration.ofSeconds(30))) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket("shutdown").key("in-flight")).asByteArray()).isEqualTo(content);
        }
    }

    /** A body that sends its first 64 KiB, then waits until released. */
    private static final class HeldStream extends InputStream {
        private final byte[] content;
        private final CountDownLatch started;
        private final CountDownLatch release;
        private int position;

        HeldStream(byte[] content, CountDownLatch started, CountDownLatch release) {
            this.content = content;
            this.started = started;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= content.length) {
                return -1;
            }
            if (position >= 64 * 1024) {
                started.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            int n = Math.min(len, Math.min(content.length - position, 16 * 1024));
            System.arraycopy(content, position, b, off, n);
            position += n;
            return n;
        }
    }

    /** A health answer: its status code and the status of each check by name. */
    private record Health(int statusCode, Map<String, String> checks) {
        String check(String name) {
            return checks.get(name);
        }
    }

    private Health get(Gateway g, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(g.uri(path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> checks = new HashMap<>();
        List<Map<String, Object>> list = JsonPath.from(response.body()).getList("checks");
        for (Map<String, Object> check : list) {
            checks.put((String) check.get("name"), (String) check.get("status"));
        }
        return new Health(response.statusCode(), checks);
    }

    /** Asks up to {@link #HEALTH_POLLS} times, 250 ms apart, until the answer has {@code status}; the last answer. */
    private Health poll(Gateway g, String path, int status) throws IOException, InterruptedException {
        Health health = get(g, path);
        for (int i = 1; i < HEALTH_POLLS && health.statusCode() != status; i++) {
            Thread.sleep(250);
            health = get(g, path);
        }
        return health;
    }
}
