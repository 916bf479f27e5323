package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged gateway ({@code stowage.app.jar}) as a separate process, driven by the AWS SDK v2 with default
 * settings: a SIGKILL during concurrent PUTs leaves only whole objects and no temp files after a restart, SIGTERM
 * stops it cleanly, and a 1 GiB object streams through a gateway with a 160 MB heap.
 */
class CrashRecoveryProcessIT {
    /** Fixed system user keys (16 hex digits + 4 characters; 40-character secret). */
    private static final String ACCESS_KEY = "0123456789abcdefCRSH";

    private static final String SECRET_KEY = "CrashSecretKeyCrashSecretKeyCrashSecret0";
    private static final Duration STOP_TIMEOUT = GatewayProcesses.STOP_TIMEOUT;
    private static final int CONCURRENT_PUTS = 64;
    private static final int EXISTING_KEYS = 32;
    private static final int ACKS_BEFORE_KILL = 10;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path temp;

    @RegisterExtension
    final GatewayProcesses processes = new GatewayProcesses(CrashRecoveryProcessIT.class, ACCESS_KEY, SECRET_KEY);

    private String testName = "test";

    @AfterEach
    void stopGateways() {
        processes.close();
    }

    // ---- SIGKILL during concurrent PUTs ------------------------------------------------------------------

    @Test
    void putObject_gatewayKilledDuringConcurrentPuts_restartShowsOnlyWholeObjects(TestInfo info) throws Exception {
        testName = info.getTestMethod().orElseThrow().getName();
        Path data = temp.resolve("data");
        String bucket = "crash-recovery";
        /* every content ever sent per key (MD5 hex), acknowledged or not */
        Map<String, Set<String>> sent = new ConcurrentHashMap<>();
        /* the content of each key acknowledged before the concurrent PUTs started */
        Map<String, String> before = new HashMap<>();
        /* the content acknowledged by a concurrent PUT, per key (one PUT per key) */
        Map<String, String> acked = new ConcurrentHashMap<>();
        List<String> wrongEtags = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();

        GatewayProcesses.Gateway first = processes.start(data, Map.of(), List.of());
        String killedInstance;
        int ackedAtKill;
        List<Path> leftAtKill;
        try (S3Client s3 = processes.client(first, CONCURRENT_PUTS + 8, Duration.ofSeconds(60))) {
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < EXISTING_KEYS; i++) {
                String key = existingKey(i);
                byte[] content = randomBytes(size(i));
                String md5 = md5Hex(content);
                sent.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(md5);
                PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
                assertThat(put.eTag()).as("ETag of %s", key).isEqualTo(quoted(md5));
                before.put(key, md5);
            }
            killedInstance = liveInstanceId(data);

            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_PUTS);
            try {
                for (int i = 0; i < CONCURRENT_PUTS; i++) {
                    // half overwrite the existing keys, half are new keys (some in new directories)
                    String key = i < EXISTING_KEYS ? existingKey(i) : newKey(i);
                    byte[] content = randomBytes(size(i + 7));
                    String md5 = md5Hex(content);
                    sent.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(md5);
                    pool.execute(() -> {
                        try {
                            go.await();
                            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key),
                                    RequestBody.fromBytes(content));
                            if (!quoted(md5).equals(put.eTag())) {
                                synchronized (wrongEtags) {
                                    wrongEtags.add(key + ": sent " + md5 + ", ETag " + put.eTag());
                                }
                            }
                            acked.put(key, md5);
                            enoughAcks.countDown();
                        } catch (SdkException e) {
                            failed.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            synchronized (unexpected) {
                                unexpected.add(key + ": " + e);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                go.countDown();
                boolean reached = enoughAcks.await(60, TimeUnit.SECONDS);
                first.kill();
                ackedAtKill = acked.size();
                assertThat(reached).as("%d PUTs acknowledged within 60 s", ACKS_BEFORE_KILL).isTrue();
            } finally {
                pool.shutdown();
                if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                    fail("the PUT threads did not finish within 120 s of the kill");
                }
            }
            leftAtKill = regularFiles(data.resolve("tmp").resolve(killedInstance));
        }
        System.out.printf("%s: killed with %d of %d concurrent PUTs acknowledged (%d in the end, %d failed); "
                        + "%d temp files left by the killed instance%n", testName, ackedAtKill, CONCURRENT_PUTS,
                acked.size(), failed.get(), leftAtKill.size());
        assertThat(wrongEtags).as("PUTs acknowledged with an ETag other than the MD5 sent").isEmpty();
        assertThat(unexpected).as("PUTs failing with something other than an SdkException").isEmpty();
        assertThat(acked.size() + failed.get()).as("every PUT thread ended").isEqualTo(CONCURRENT_PUTS);

        GatewayProcesses.Gateway second = processes.start(data, Map.of(), List.of());
        try (S3Client s3 = processes.client(second, 8, Duration.ofSeconds(60))) {
            // every key reads back whole: an acknowledged PUT's content, else the old one or one sent
            Map<String, Stored> present = new TreeMap<>();
            for (String key : new TreeSet<>(sent.keySet())) {
                Stored got = getObject(s3, bucket, key);
                if (acked.containsKey(key)) {
                    assertThat(got).as("acknowledged %s", key).isNotNull();
                    assertThat(got.md5).as("MD5 of acknowledged %s", key).isEqualTo(acked.get(key));
                } else if (before.containsKey(key)) {
                    assertThat(got).as("%s existed before the crash", key).isNotNull();
                    assertThat(sent.get(key)).as("MD5 of %s (old or one sent, never partial)", key).contains(got.md5);
                } else if (got != null) {
                    assertThat(sent.get(key)).as("MD5 of unacknowledged new %s (never partial)", key).contains(got.md5);
                }
                if (got != null) {
                    assertThat(got.etag).as("ETag of %s", key).isEqualTo(quoted(got.md5));
                    assertThat(got.contentLength).as("Content-Length of %s", key).isEqualTo(got.size);
                    present.put(key, got);
                }
            }

            // the listing shows exactly the objects that read back, with their sizes and ETags
            Map<String, S3Object> listed = new TreeMap<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(10)).contents()
                    .forEach(o -> assertThat(listed.put(o.key(), o)).as("%s listed twice", o.key()).isNull());
            assertThat(listed.keySet()).as("listed keys").isEqualTo(present.keySet());
            for (S3Object o : listed.values()) {
                Stored got = present.get(o.key());
                assertThat(o.size()).as("listed size of %s", o.key()).isEqualTo(got.size);
                assertThat(o.eTag()).as("listed ETag of %s", o.key()).isEqualTo(got.etag);
            }

            // on disk: the killed instance's temp files are gone, only the live instance's dir and lock remain
            Path tmp = data.resolve("tmp");
            String live = liveInstanceId(data);
            assertThat(live).isNotEqualTo(killedInstance);
            assertThat(names(tmp)).as("entries of %s", tmp).containsExactlyInAnyOrder(live, live + ".lock");
            assertThat(regularFiles(tmp.resolve(live))).as("temp files of the idle live instance").isEmpty();

            // every object file is <name>#o and is listed
            Path objects = data.resolve("buckets").resolve(bucket).resolve("objects");
            Set<String> onDisk = new TreeSet<>();
            for (Path file : regularFiles(objects)) {
                String relative = objects.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                assertThat(relative).as("file under %s", objects).endsWith("#o");
                onDisk.add(relative.substring(0, relative.length() - 2));
            }
            assertThat(onDisk).as("object files (keys are plain ASCII, so unescaped)").isEqualTo(listed.keySet());
        }
    }

    private static String existingKey(int i) {
        return "obj/%04d".formatted(i);
    }

    private static String newKey(int i) {
        return "new/d%d/obj-%04d".formatted(i % 4, i);
    }

    /** Sizes from 1 KiB to 4 MiB, a doubling apart, with a few bytes more or less. */
    private static int size(int i) {
        return (1024 << (i % 13)) + ThreadLocalRandom.current().nextInt(-512, 512);
    }

    /** What a GET read back, or null for NoSuchKey. */
    private record Stored(String md5, long size, long contentLength, String etag) {}

    private static Stored getObject(S3Client s3, String bucket, String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            MessageDigest md5 = md5();
            long size = drain(in, md5);
            return new Stored(HEX.formatHex(md5.digest()), size, in.response().contentLength(), in.response().eTag());
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    // ---- SIGTERM -----------------------------------------------------------------------------------------

    @Test
    void gateway_sigterm_stopsCleanly(TestInfo info) throws Exception {
        testName = info.getTestMethod().orElseThrow().getName();
        Path data = temp.resolve("data");
        GatewayProcesses.Gateway g = processes.start(data, Map.of(), List.of());
        try (S3Client s3 = processes.client(g, 4, Duration.ofSeconds(30))) {
            s3.createBucket(b -> b.bucket("sigterm"));
            s3.putObject(b -> b.bucket("sigterm").key("k"), RequestBody.fromString("before SIGTERM"));
        }
        g.process.destroy(); // SIGTERM
        assertThat(g.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("gateway exits within %s of SIGTERM", STOP_TIMEOUT).isTrue();
        assertThat(g.process.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), g.port), 2000);
            }
        }).as("port %d closed", g.port).isInstanceOf(ConnectException.class);
        assertThat(names(data.resolve("tmp"))).as("temp dir and lock removed on a clean stop").isEmpty();

        // and the data is all there for the next start
        GatewayProcesses.Gateway again = processes.start(data, Map.of(), List.of());
        try (S3Client s3 = processes.client(again, 4, Duration.ofSeconds(30))) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("sigterm").key("k")).asUtf8String()).isEqualTo("before SIGTERM");
        }
    }

    // ---- 1 GiB through a 160 MB heap ---------------------------------------------------------------------

    @Test
    void putAndGet_oneGiB_memoryStaysFlat(TestInfo info) throws Exception {
        testName = info.getTestMethod().orElseThrow().getName();
        long size = 1L << 30;
        long seed = 0x5EED_0001L;
        MessageDigest expected = md5();
        try (InputStream in = new PseudoRandomStream(seed, size)) {
            assertThat(drain(in, expected)).isEqualTo(size);
        }
        String md5 = HEX.formatHex(expected.digest());

        GatewayProcesses.Gateway g = processes.start(temp.resolve("data"), Map.of(), List.of("-Xmx160m"));
        try (S3Client s3 = processes.client(g, 4, Duration.ofSeconds(120))) {
            s3.createBucket(b -> b.bucket("big"));
            long t0 = System.nanoTime();
            PutObjectResponse put = s3.putObject(b -> b.bucket("big").key("one-gib.bin").contentLength(size),
                    RequestBody.fromContentProvider(() -> new PseudoRandomStream(seed, size), size,
                            "application/octet-stream"));
            long t1 = System.nanoTime();
            assertThat(put.eTag()).as("ETag of the 1 GiB PUT").isEqualTo(quoted(md5));
            assertThat(s3.headObject(b -> b.bucket("big").key("one-gib.bin")).contentLength()).isEqualTo(size);
            Stored got = getObject(s3, "big", "one-gib.bin");
            long t2 = System.nanoTime();
            assertThat(got).isNotNull();
            assertThat(got.size).as("bytes read back").isEqualTo(size);
            assertThat(got.md5).as("MD5 of what was read back").isEqualTo(md5);
            assertThat(got.etag).isEqualTo(quoted(md5));
            System.out.printf("%s: PUT 1 GiB in %d ms, GET in %d ms%n", testName,
                    TimeUnit.NANOSECONDS.toMillis(t1 - t0), TimeUnit.NANOSECONDS.toMillis(t2 - t1));
        }
        assertThat(g.process.isAlive()).as("gateway alive after 1 GiB through -Xmx160m").isTrue();
        assertThat(Files.readString(g.log, StandardCharsets.UTF_8)).doesNotContain("OutOfMemoryError");
    }

    /**
     * A deterministic stream of {@code size} pseudo-random bytes: byte {@code p} is a byte of SplitMix64 of
     * {@code seed + p / 8}, so any two streams of one seed agree without anything held in memory.
     */
    static final class PseudoRandomStream extends InputStream {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private final long seed;
        private final long size;
        private long position;
        private long mark;

        PseudoRandomStream(long seed, long size) {
            this.seed = seed;
            this.size = size;
        }

        private long word(long index) {
            long z = seed + index * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private int byteAt(long p) {
            return (int) (word(p >>> 3) >>> ((p & 7) * 8)) & 0xff;
        }

        @Override
        public int read() {
            return position < size ? byteAt(position++) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            int i = 0;
            while (i < n) {
                if ((position & 7) == 0 && n - i >= 8) {
                    LONGS.set(b, off + i, word(position >>> 3));
                    i += 8;
                    position += 8;
                } else {
                    b[off + i++] = (byte) byteAt(position++);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, size - position));
            position += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int readLimit) {
            mark = position;
        }

        @Override
        public synchronized void reset() {
            position = mark;
        }
    }

    // ---- files and bytes ---------------------------------------------------------------------------------

    /** The id of the one live instance in {@code <data>/tmp}, from its lock file. */
    private static String liveInstanceId(Path data) throws IOException {
        List<String> locks = names(data.resolve("tmp")).stream().filter(n -> n.endsWith(".lock")).toList();
        assertThat(locks).as("instance lock files in %s", data.resolve("tmp")).hasSize(1);
        return locks.get(0).substring(0, locks.get(0).length() - ".lock".length());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Regular files anywhere below {@code dir}; none when it does not exist. */
    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }


    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static long drain(InputStream in, MessageDigest md5) throws IOException {
        byte[] buf = new byte[1 << 20];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md5.update(buf, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(byte[] bytes) {
        return HEX.formatHex(md5().digest(bytes));
    }

    private static String quoted(String md5) {
        return '"' + md5 + '"';
    }
}
