package dev.stowage.it;

import static org.assertj.core.api.Assertions.fail;

import dev.stowage.accounts.db.EmbeddedDatabase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the packaged gateway ({@code stowage.app.jar}, set by failsafe) as separate processes for the
 * {@code *ProcessIT} tests: loopback only, a free port each, fixed system user keys, output in a log file under
 * {@code target/process-it} (the last lines printed when a test fails). Register it with {@code @RegisterExtension};
 * {@link #close} (in {@code @AfterEach} or {@code @AfterAll}) kills whatever is still running.
 */
public final class GatewayProcesses implements BeforeEachCallback, TestWatcher, AutoCloseable {
    /** Fixed system user keys (16 hex digits + 4 characters; 40-character secret). */
    public static final String ACCESS_KEY = "0123456789abcdefPROC";

    public static final String SECRET_KEY = "ProcessSecretKeyProcessSecretKeyProcess0";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String accessKey;
    private final String secretKey;
    private final List<Gateway> gateways = new ArrayList<>();
    private final String className;
    private String testName = "setup";

    /** Gateways of {@code testClass} (which names their logs), with the system user {@link #ACCESS_KEY}. */
    public GatewayProcesses(Class<?> testClass) {
        this(testClass, ACCESS_KEY, SECRET_KEY);
    }

    public GatewayProcesses(Class<?> testClass, String accessKey, String secretKey) {
        this.className = testClass.getSimpleName();
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Gateway g : gateways) {
            System.err.println("---- " + g.log + " (last 80 lines) ----");
            System.err.println(tail(g.log, 80));
        }
    }

    /**
     * Kills every gateway still running (SIGKILL), then stops the embedded PostgreSQL a killed gateway leaves running
     * on its data directory, waiting (bounded) until it is gone, so the test's temp directory is not deleted under
     * a database that is still writing its files.
     */
    @Override
    public void close() {
        for (Gateway g : gateways) {
            g.kill();
        }
        for (Gateway g : gateways) {
            stopEmbeddedPostgres(g.dataDir);
        }
        gateways.clear();
    }

    /** Stops the postmaster named by {@code <dataDir>/postgres/postmaster.pid}, if it is a running postgres. */
    private static void stopEmbeddedPostgres(Path dataDir) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return; // no database left running there
        }
        ProcessHandle.of(pid).filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        h.destroyForcibly();
                    }
                });
    }

    /** One run of the packaged gateway. */
    public static final class Gateway {
        public final Process process;
        public final int port;
        public final Path log;
        final Path dataDir;

        Gateway(Process process, int port, Path log, Path dataDir) {
            this.process = process;
            this.port = port;
            this.log = log;
            this.dataDir = dataDir;
        }

        public URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }

        /** SIGKILL, waiting (bounded) until the process is gone. */
        public void kill() {
            if (!process.isAlive()) {
                return;
            }
            process.destroyForcibly();
            awaitExit();
        }

        /** SIGTERM. */
        public void terminate() {
            process.destroy();
        }

        /** Whether the process ended within {@link #STOP_TIMEOUT}. */
        public boolean awaitExit() {
            try {
                return process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Starts a gateway on {@code dataDir} (working directory: its parent) and waits until it answers HTTP. */
    public Gateway start(Path dataDir, Map<String, String> environment, List<String> jvmOptions) throws IOException,
            InterruptedException {
        Gateway g = launch(dataDir, environment, jvmOptions);
        awaitUp(g);
        return g;
    }

    /** Starts a gateway without waiting for it (several at once: then {@link #awaitUp} each). */
    public Gateway launch(Path dataDir, Map<String, String> environment, List<String> jvmOptions) throws IOException {
        String jar = System.getProperty("stowage.app.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("system property stowage.app.jar must name the packaged gateway (target/quarkus-app/quarkus-run.jar); got " + jar);
        }
        Path logs = Path.of(jar).toAbsolutePath().getParent().getParent().resolve("process-it");
        Files.createDirectories(logs);
        Files.createDirectories(dataDir);
        Path log = logs.resolve("%s-%s-%d.log".formatted(className, testName, gateways.size() + 1));
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java binary")));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("STOWAGE_DATA_DIR", dataDir.toString());
        env.put("STOWAGE_SYSTEM_USER_ACCESS_KEY", accessKey);
        env.put("STOWAGE_SYSTEM_USER_SECRET_KEY", secretKey);
        // the metering endpoint's default (S3 port + 100) may be an ephemeral port some connection holds just then
        env.put("STOWAGE_METERING_PORT", "0");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.putAll(environment);
        Gateway g = new Gateway(builder.start(), port, log, dataDir);
        gateways.add(g);
        return g;
    }

    /** Waits until the gateway answers any HTTP request on its port. */
    public static void awaitUp(Gateway g) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(g.uri("/")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!g.process.isAlive()) {
                fail("gateway exited with code " + g.process.exitValue() + " during start-up (" + lastError(g.log)
                        + "):\n" + tail(g.log, 40));
            }
            try {
                http.send(ping, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        fail("gateway did not answer on port " + g.port + " within " + START_TIMEOUT + ":\n" + tail(g.log, 40));
    }

    /** An SDK client of one gateway, signed with the given keys (the system user's by default). */
    public S3Client client(Gateway g, int maxConnections, Duration socketTimeout) {
        return client(g, accessKey, secretKey, maxConnections, socketTimeout);
    }

    public static S3Client client(Gateway g, String accessKey, String secretKey, int maxConnections,
            Duration socketTimeout) {
        return S3Client.builder()
                .endpointOverride(g.uri(""))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections).socketTimeout(socketTimeout))
                .build();
    }

    /**
     * The environment that points a gateway at {@code database} (the {@code quarkus.datasource.*} settings as
     * environment variables), so it starts no embedded server of its own.
     */
    public static Map<String, String> databaseEnvironment(EmbeddedDatabase database) {
        Map<String, String> env = new LinkedHashMap<>();
        database.datasourceSettings().forEach((k, v) ->
                env.put(k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
        return env;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The log's last ERROR line, or its last line: what a one-line failure summary should show. */
    static String lastError(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).contains(" ERROR ")) {
                    return all.get(i).strip();
                }
            }
            return all.isEmpty() ? "its log is empty" : all.get(all.size() - 1).strip();
        } catch (IOException | UncheckedIOException e) {
            return "cannot read " + file + ": " + e;
        }
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
