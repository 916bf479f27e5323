package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The crash rule with the packaged gateway as a process: after a SIGKILL, the counts of the last durable checkpoint
 * come back as that period's usage object, once, with the same service id; after a SIGTERM the open period is
 * written whole. Reads the usage objects from {@code <data>/usage/objects}, as {@code ?ostor-usage} serves them.
 */
class UsageCrashProcessIT {
    private static final String ACCESS_KEY = "0123456789abcdefUSGE";
    private static final String SECRET_KEY = "UsageSecretKeyUsageSecretKeyUsageSecret0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern PUTS = Pattern.compile("\"put\": (\\d+)");

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void usage_killedAfterCheckpoint_restartWritesThatPeriodOnce_thenSigtermFlushesTheNext() throws Exception {
        Path data = temp.resolve("data");
        int port = freePort();
        Process first = start(data, port, "first");
        String bucket = "usage-crash";
        try (S3Client s3 = client(port)) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 5; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(bucket).key("k" + n), RequestBody.fromString("x".repeat(10)));
            }
        }
        // the checkpoint (every second here) holds the 6 puts (CreateBucket and 5 PutObject)
        Path open = data.resolve("usage/open");
        String checkpoint = null;
        for (int i = 0; i < 100 && (checkpoint == null || !checkpointHasPuts(checkpoint, 6)); i++) {
            Thread.sleep(100);
            checkpoint = onlyFileText(open);
        }
        assertThat(checkpoint).as("checkpoint in %s", open).isNotNull();
        assertThat(checkpointHasPuts(checkpoint, 6)).as(checkpoint).isTrue();
        String serviceId = serviceIdOf(data);

        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(usageObjects(data)).as("nothing written before the restart").isEmpty();

        Process second = start(data, port, "second");
        List<Path> recovered = usageObjects(data);
        assertThat(recovered).as("the crashed period, recovered at start").hasSize(1);
        String name = recovered.get(0).getFileName().toString();
        assertThat(name).startsWith("s3-usage-" + serviceId + "-").endsWith("-1800");
        assertThat(sumOfPuts(Files.readString(recovered.get(0)))).isEqualTo(6);
        assertThat(serviceIdOf(data)).as("same instance, same service id").isEqualTo(serviceId);
        assertThat(onlyFileText(open)).as("checkpoint consumed").isNull();

        try (S3Client s3 = client(port)) {
            s3.putObject(b -> b.bucket(bucket).key("after-restart"), RequestBody.fromString("y"));
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("after-restart"));
        }
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<Path> all = usageObjects(data);
        assertThat(all).hasSize(2);
        assertThat(all).extracting(p -> p.getFileName().toString()).contains(name);
        Path flushed = all.stream().filter(p -> !p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        String json = Files.readString(flushed);
        assertThat(sumOfPuts(json)).isEqualTo(1);
        assertThat(json).contains("\"get\": 1");
        assertThat(sumOfPuts(Files.readString(data.resolve("usage/objects").resolve(name))))
                .as("the recovered period is not counted again").isEqualTo(6);

        // a third start finds nothing left to recover
        Process third = start(data, port, "third");
        assertThat(usageObjects(data)).hasSize(2);
        third.destroy();
        assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(usageObjects(data)).as("no traffic, no object").hasSize(2);
    }

    private static boolean checkpointHasPuts(String checkpoint, int puts) {
        long sum = 0;
        for (String line : checkpoint.split("\n")) {
            String[] f = line.split("\t", -1); // bucket epoch user tag slot action ops in out
            if (f.length == 9 && UsageClass.of(f[5]) == UsageClass.PUT) {
                sum += Long.parseLong(f[6]);
            }
        }
        return sum == puts;
    }

    private static long sumOfPuts(String json) {
        Matcher m = PUTS.matcher(json);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static String onlyFileText(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            return all.isEmpty() ? null : Files.readString(all.get(0), StandardCharsets.UTF_8);
        }
    }

    private static String serviceIdOf(Path data) throws IOException {
        try (Stream<Path> ids = Files.list(data.resolve("usage/service-ids"))) {
            List<String> all = ids.map(p -> p.getFileName().toString()).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static List<Path> usageObjects(Path data) throws IOException {
        Path dir = data.resolve("usage/objects");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private Process start(Path data, int port, String label) throws Exception {
        String jar = System.getProperty("stowage.app.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("system property stowage.app.jar must name the packaged gateway; got " + jar);
        }
        Path logs = Path.of(jar).toAbsolutePath().getParent().getParent().resolve("process-it");
        Files.createDirectories(logs);
        Files.createDirectories(data);
        Path log = logs.resolve("UsageCrashProcessIT-" + label + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(), "-jar", jar)
                .directory(data.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("STOWAGE_DATA_DIR", data.toString());
        env.put("STOWAGE_SYSTEM_USER_ACCESS_KEY", ACCESS_KEY);
        env.put("STOWAGE_SYSTEM_USER_SECRET_KEY", SECRET_KEY);
        env.put("STOWAGE_USAGE_CHECKPOINT_INTERVAL", "1");
        env.put("STOWAGE_INSTANCE_ID", "crash-test");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        Process p = builder.start();
        processes.add(p);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("gateway exited during start-up, see " + log);
            }
            try {
                http.send(ping, HttpResponse.BodyHandlers.discarding());
                return p;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        fail("gateway did not start within " + START_TIMEOUT + ", see " + log);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static S3Client client(int port) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }
}
