package dev.stowage.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Measures an S3 endpoint with the AWS SDK for Java v2: small-object PUT/GET/HEAD/DELETE at several concurrency
 * levels, a 70/30 GET/PUT mix, large-object throughput, ListObjectsV2 page latency, and how directory markers are
 * listed. Run it through {@code bin/bench}; the README's Benchmark section says how to compare two servers.
 *
 * <p>Every scenario warms up, then runs until its duration or its op count is reached, in a bucket of its own
 * that is deleted afterwards (bounded in time). Each prints a table row and a {@code RESULT key=value ...} line.
 */
public final class S3Benchmark {
    private static final int SMALL = 4096;
    /**
     * Held so its level sticks. The test classpath's JBoss LogManager otherwise leaves DEBUG on, and the Apache
     * client then formats every byte it reads for its wire log: that alone caps a GET at a few tens of MB/s.
     */
    private static final Logger ROOT_LOGGER = Logger.getLogger("");
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);

    /** Threads of the client warm-up. */
    private static final int CLIENT_WARMUP_THREADS = 16;
    /** Keys each warm-up thread cycles through, and every how many of its rounds one is 1 MiB instead of 4 KiB. */
    private static final int CLIENT_WARMUP_KEYS = 32;
    private static final int CLIENT_WARMUP_LARGE_EVERY = 32;

    private final BenchOptions options;
    /** Measures: never retries. */
    private final S3Client s3;
    /** Sets up, cleans up and probes: the SDK's default retries. */
    private final S3Client setup;
    private final String runId;
    private final List<ScenarioResult> results = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final byte[] small = Payload.random(SMALL, 4096);
    private byte[] large;

    private S3Benchmark(BenchOptions options, S3Client s3, S3Client setup) {
        this.options = options;
        this.s3 = s3;
        this.setup = setup;
        this.runId = "sb-" + Long.toString(System.currentTimeMillis() / 1000, 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    }

    public static void main(String[] args) {
        quietLogging();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println(e instanceof IOException ? "cannot read " + e.getMessage() : e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int exit;
        try (S3Client s3 = Clients.s3(options.endpoint(), options.accessKey(), options.secretKey(), options.region(),
                        options.maxConcurrency() + 16, false);
                S3Client setup = Clients.s3(options.endpoint(), options.accessKey(), options.secretKey(),
                        options.region(), Populator.CONCURRENCY + 16, true)) {
            exit = new S3Benchmark(options, s3, setup).run();
        }
        System.exit(exit);
    }

    /** INFO and above only, so the HTTP client's debug and wire logging cost nothing. */
    static void quietLogging() {
        ROOT_LOGGER.setLevel(Level.INFO);
    }

    private int run() {
        System.out.printf(Locale.ROOT, "Stowage S3 benchmark: endpoint %s, label %s, run %s, %s%n", options.endpoint(),
                options.label(), runId, Instant.now());
        System.out.printf(Locale.ROOT,
                "client warm-up %.1f s; warm-up %.1f s + at most %.1f s and %d ops per scenario; Java %s; %d cores"
                        + " shared by client and server%n",
                options.clientWarmup().toMillis() / 1000.0, options.warmup().toMillis() / 1000.0,
                options.duration().toMillis() / 1000.0, options.maxOps(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        try {
            s3.listBuckets();
        } catch (RuntimeException e) {
            System.out.println("cannot reach the endpoint or the credentials are refused: " + e.getMessage());
            return 1;
        }
        warmUpClient();
        for (String scenario : BenchOptions.SCENARIOS) {
            if (!options.runs(scenario)) {
                continue;
            }
            try {
                switch (scenario) {
                    case "marker" -> directoryMarker();
                    case "mix" -> measuredInOwnBucket(scenario, options.mixConcurrency(), this::mix);
                    case "list", "list-delim" -> list(scenario.equals("list-delim"));
                    case "multipart" -> {
                        measuredInOwnBucket("put256m", 1, this::putWhole256m);
                        measuredInOwnBucket("mpu256m", 1, this::multipart256m);
                    }
                    default -> {
                        Scenario measured = switch (scenario) {
                            case "put4k" -> this::put4k;
                            case "get4k" -> this::get4k;
                            case "head4k" -> this::head4k;
                            case "delete4k" -> this::delete4k;
                            case "put64m" -> this::putLarge;
                            case "get64m" -> this::getLarge;
                            default -> throw new IllegalStateException(scenario);
                        };
                        List<Integer> levels = scenario.endsWith("64m") ? options.largeConcurrency()
                                : options.smallConcurrency();
                        levels.forEach(c -> measuredInOwnBucket(scenario, c, measured));
                    }
                }
            } catch (RuntimeException e) {
                failed(scenario, e);
            }
        }
        sweep();
        System.out.println();
        System.out.println("Summary (" + options.label() + ", " + options.endpoint() + "):");
        System.out.println(ScenarioResult.HEADER);
        results.forEach(r -> System.out.println(r.row()));
        failures.forEach(f -> System.out.println("FAILED " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * An unmeasured, unreported round of every request kind the scenarios send (4 KiB and 1 MiB PUTs and GETs,
     * HEADs, listings, DELETEs) before the first scenario. A fresh client JVM otherwise spends its first ~15 s
     * compiling the SDK: a C2 compiler thread then took 20 % of this 2-core machine during the first scenarios,
     * CPU that the server being measured did not get, while later scenarios ran with the client's code compiled.
     */
    private void warmUpClient() {
        if (options.clientWarmup().isZero()) {
            return;
        }
        String bucket;
        try {
            bucket = newBucket("client-warmup");
        } catch (RuntimeException e) {
            failed("client warm-up", e);
            return;
        }
        byte[] mebibyte = Payload.random(1024 * 1024, 64);
        long[] rounds = new long[CLIENT_WARMUP_THREADS];
        byte[][] buffers = new byte[CLIENT_WARMUP_THREADS][64 * 1024];
        try {
            LoadRunner.Phase phase = LoadRunner.run(CLIENT_WARMUP_THREADS, options.clientWarmup(), options.maxOps(), 1,
                    thread -> {
                        long round = rounds[thread]++;
                        String key = "warm-" + thread + "-" + (round / 5) % CLIENT_WARMUP_KEYS;
                        boolean large = (round / 5) % CLIENT_WARMUP_LARGE_EVERY == 0;
                        byte[] body = large ? mebibyte : small;
                        switch ((int) (round % 5)) {
                            case 0 -> s3.putObject(b -> b.bucket(bucket).key(key), Payload.body(body));
                            case 1 -> getExpecting(bucket, key, body.length, buffers[thread]);
                            case 2 -> s3.headObject(b -> b.bucket(bucket).key(key));
                            case 3 -> s3.listObjectsV2(b -> b.bucket(bucket).prefix("warm-" + thread + "-")
                                    .delimiter(round % 2 == 0 ? "/" : null));
                            default -> s3.deleteObject(b -> b.bucket(bucket).key(key));
                        }
                        return 0;
                    });
            System.out.printf(Locale.ROOT, "client warm-up: %d requests in %.1f s, %d errors%s%n", phase.ok(),
                    phase.seconds(), phase.errors(), phase.errors() == 0 ? "" : " (first: " + phase.firstError() + ")");
        } finally {
            Populator.deleteBucket(setup, bucket, options.cleanupLimit());
        }
    }

    @FunctionalInterface
    private interface Scenario {
        ScenarioResult run(String bucket, int concurrency);
    }

    /** One concurrency level of a scenario; a failure is recorded and the next level still runs. */
    private void measuredInOwnBucket(String name, int concurrency, Scenario scenario) {
        String bucket;
        try {
            bucket = newBucket(name + "-c" + concurrency);
        } catch (RuntimeException e) {
            failed(name + " conc=" + concurrency, e);
            return;
        }
        try {
            report(scenario.run(bucket, concurrency));
        } catch (RuntimeException e) {
            failed(name + " conc=" + concurrency, e);
        } finally {
            Populator.deleteBucket(setup, bucket, options.cleanupLimit());
        }
    }

    private void report(ScenarioResult result) {
        results.add(result);
        System.out.println(result.row());
        System.out.println(result.resultLine(options.label()));
    }

    private void failed(String what, RuntimeException e) {
        failures.add(what + ": " + e);
        System.out.println("  ! " + what + " failed: " + e);
    }

    /** Warm-up (unrecorded), then the measured phase; both bounded by time and count. */
    private ScenarioResult measure(String scenario, int concurrency, long bytesPerOp, List<String> kinds,
            LoadRunner.Op op) {
        return measure(scenario, concurrency, bytesPerOp, kinds, Math.max(1, options.maxOps() / 10), op);
    }

    private ScenarioResult measure(String scenario, int concurrency, long bytesPerOp, List<String> kinds,
            long maxWarmupOps, LoadRunner.Op op) {
        System.out.printf(Locale.ROOT, "%s conc=%d ...%n", scenario, concurrency);
        if (!options.warmup().isZero()) {
            LoadRunner.Phase warm = LoadRunner.run(concurrency, options.warmup(), maxWarmupOps, kinds.size(), op);
            if (warm.errors() > 0) {
                System.out.println("  warm-up errors: " + warm.errors() + ", first: " + warm.firstError());
            }
        }
        LoadRunner.Phase phase = LoadRunner.run(concurrency, options.duration(), options.maxOps(), kinds.size(), op);
        return new ScenarioResult(scenario, concurrency, bytesPerOp, kinds, phase);
    }

    private ScenarioResult put4k(String bucket, int concurrency) {
        AtomicLong next = new AtomicLong();
        return measure("put4k", concurrency, SMALL, List.of("put"), thread -> {
            s3.putObject(b -> b.bucket(bucket).key(smallKey(next.getAndIncrement())), Payload.body(small));
            return 0;
        });
    }

    private ScenarioResult get4k(String bucket, int concurrency) {
        List<String> pool = pool(bucket);
        byte[][] buffers = new byte[concurrency][64 * 1024];
        return measure("get4k", concurrency, SMALL, List.of("get"), thread -> {
            getExpecting(bucket, randomOf(pool), SMALL, buffers[thread]);
            return 0;
        });
    }

    private ScenarioResult head4k(String bucket, int concurrency) {
        List<String> pool = pool(bucket);
        return measure("head4k", concurrency, 0, List.of("head"), thread -> {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(randomOf(pool)));
            if (head.contentLength() != SMALL) {
                throw new IllegalStateException("HEAD reported " + head.contentLength() + " bytes");
            }
            return 0;
        });
    }

    /**
     * Deletes objects put beforehand (unmeasured, at concurrency 16 or more for as long as warm-up plus the run).
     * Deleting is usually faster than putting, so this scenario tends to end by running out of objects before its
     * duration: the warm-up takes at most a tenth of them and ops/s is over the time the rest took.
     */
    private ScenarioResult delete4k(String bucket, int concurrency) {
        AtomicLong created = new AtomicLong();
        LoadRunner.Phase precreated = LoadRunner.run(Math.max(16, concurrency),
                options.warmup().plus(options.duration()), options.maxOps() + options.maxOps() / 10, 1, thread -> {
                    s3.putObject(b -> b.bucket(bucket).key(smallKey(created.getAndIncrement())), Payload.body(small));
                    return 0;
                });
        long available = created.get();
        System.out.printf(Locale.ROOT, "  (pre-created %d objects for delete4k, %d errors)%n",
                precreated.ok(), precreated.errors());
        AtomicLong next = new AtomicLong();
        return measure("delete4k", concurrency, 0, List.of("delete"), Math.max(1, available / 10), thread -> {
            long i = next.getAndIncrement();
            if (i >= available) {
                throw new LoadRunner.Exhausted();
            }
            s3.deleteObject(b -> b.bucket(bucket).key(smallKey(i)));
            return 0;
        });
    }

    /** 70 % GETs and 30 % PUTs (overwrites) over one pool of 4 KiB objects. */
    private ScenarioResult mix(String bucket, int concurrency) {
        List<String> pool = pool(bucket);
        byte[][] buffers = new byte[concurrency][64 * 1024];
        return measure("mix", concurrency, SMALL, List.of("get", "put"), thread -> {
            String key = randomOf(pool);
            if (ThreadLocalRandom.current().nextInt(100) < 70) {
                getExpecting(bucket, key, SMALL, buffers[thread]);
                return 0;
            }
            s3.putObject(b -> b.bucket(bucket).key(key), Payload.body(small));
            return 1;
        });
    }

    /** Each thread overwrites its own large object, so the disk holds at most one per thread. */
    private ScenarioResult putLarge(String bucket, int concurrency) {
        byte[] body = large();
        return measure("put64m", concurrency, body.length, List.of("put"), thread -> {
            s3.putObject(b -> b.bucket(bucket).key("large-" + thread), Payload.body(body));
            return 0;
        });
    }

    /** Bytes of the multipart scenario's object, and of each of its parts. */
    private static final int MULTIPART_OBJECT = 256 * 1024 * 1024;
    private static final int MULTIPART_PART = 16 * 1024 * 1024;

    /** The reference for {@link #multipart256m}: one PUT of 256 MiB, streamed from a repeated 16 MiB array. */
    private ScenarioResult putWhole256m(String bucket, int concurrency) {
        byte[] part = Payload.random(MULTIPART_PART, 256);
        return measure("put256m", concurrency, MULTIPART_OBJECT, List.of("put"), 1, thread -> {
            s3.putObject(b -> b.bucket(bucket).key("whole-" + thread), RequestBody.fromContentProvider(
                    () -> repeated(part, MULTIPART_OBJECT / MULTIPART_PART), MULTIPART_OBJECT,
                    "application/octet-stream"));
            return 0;
        });
    }

    /** A 256 MiB object as a multipart upload of sixteen 16 MiB parts, sent one after the other, and completed. */
    private ScenarioResult multipart256m(String bucket, int concurrency) {
        byte[] part = Payload.random(MULTIPART_PART, 256);
        return measure("mpu256m", concurrency, MULTIPART_OBJECT, List.of("upload"), 1, thread -> {
            String key = "multipart-" + thread;
            String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = 1; n <= MULTIPART_OBJECT / MULTIPART_PART; n++) {
                int number = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number),
                        Payload.body(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag)
                        .build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
            return 0;
        });
    }

    /** {@code times} copies of {@code bytes}, one after the other, without copying them. */
    private static InputStream repeated(byte[] bytes, int times) {
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            streams.add(new ByteArrayInputStream(bytes));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    private ScenarioResult getLarge(String bucket, int concurrency) {
        byte[] body = large();
        List<String> keys = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            keys.add("large-" + t);
        }
        Populator.putAll(setup, bucket, keys, body, SETUP_LIMIT);
        byte[][] buffers = new byte[concurrency][1024 * 1024];
        return measure("get64m", concurrency, body.length, List.of("get"), thread -> {
            getExpecting(bucket, keys.get(thread), body.length, buffers[thread]);
            return 0;
        });
    }

    /**
     * ListObjectsV2 pages of up to 1000 keys over a bucket of {@code dir-NN/obj-NNNNN} keys, paging through the
     * whole bucket and starting over; with the delimiter the root page holds the {@code dir-NN/} prefixes.
     */
    private void list(boolean delimiter) {
        String bucket = listBucket();
        String name = delimiter ? "list-delim" : "list";
        int concurrency = 1;
        String[] tokens = new String[concurrency];
        ScenarioResult result = measure(name, concurrency, 0, List.of("page"), thread -> {
            String token = tokens[thread];
            ListObjectsV2Response page = s3.listObjectsV2(b -> {
                b.bucket(bucket).maxKeys(1000).continuationToken(token);
                if (delimiter) {
                    b.delimiter("/");
                }
            });
            if (page.contents().isEmpty() && page.commonPrefixes().isEmpty()) {
                throw new IllegalStateException("empty listing page");
            }
            tokens[thread] = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            return 0;
        });
        report(result);
    }

    /** The listing bucket, named after its size, kept between runs; filled with whatever keys it lacks. */
    private String listBucket() {
        int count = options.listKeys();
        String bucket = "stowage-bench-list-" + count;
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            expected.add(listKey(i));
        }
        List<String> existing;
        try {
            existing = Populator.listAll(setup, bucket);
        } catch (NoSuchBucketException e) {
            setup.createBucket(b -> b.bucket(bucket));
            existing = List.of();
        }
        Set<String> missing = new HashSet<>(expected);
        existing.forEach(missing::remove);
        if (!missing.isEmpty()) {
            System.out.printf(Locale.ROOT, "  (filling %s: %d of %d keys missing, concurrency %d)%n", bucket,
                    missing.size(), count, Populator.CONCURRENCY);
            long t0 = System.nanoTime();
            Populator.putAll(setup, bucket, missing.stream().sorted().toList(), small, SETUP_LIMIT);
            System.out.printf(Locale.ROOT, "  (filled in %.1f s)%n", (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf(Locale.ROOT, "  (reusing %s with its %d keys)%n", bucket, existing.size());
        }
        if (existing.size() > count) {
            System.out.printf(Locale.ROOT, "  (note: %s holds %d keys, more than %d)%n", bucket, existing.size(),
                    count);
        }
        return bucket;
    }

    /**
     * How the server lists a zero-byte {@code marker-dir/} object. AWS S3 lists it in Contents without a delimiter,
     * only as a CommonPrefix with delimiter {@code /}, and in Contents again when listing prefix {@code marker-dir/}.
     */
    private void directoryMarker() {
        String bucket = newBucket("marker");
        String marker = "marker-dir/";
        try {
            // With "Expect: 100-continue" and no body, s3proxy 4.1.0 (Jetty) closes the connection after answering,
            // which fails the next request on it unless it is retried: this client retries.
            setup.putObject(b -> b.bucket(bucket).key(marker), RequestBody.empty());
            ListObjectsV2Response plain = setup.listObjectsV2(b -> b.bucket(bucket));
            ListObjectsV2Response delimited = setup.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
            ListObjectsV2Response inside = setup.listObjectsV2(b -> b.bucket(bucket).prefix(marker).delimiter("/"));
            String head;
            try {
                head = "200, " + setup.headObject(b -> b.bucket(bucket).key(marker)).contentLength() + " bytes";
            } catch (S3Exception e) {
                head = String.valueOf(e.statusCode());
            }
            boolean plainObject = keys(plain).contains(marker);
            boolean delimitedPrefixOnly = prefixes(delimited).contains(marker) && !keys(delimited).contains(marker);
            boolean insideObject = keys(inside).contains(marker);
            System.out.println("Directory marker \"" + marker + "\" (AWS: an object without delimiter; only a"
                    + " CommonPrefix with delimiter \"/\"; an object when listing its own prefix):");
            String row = "  %-26s Contents=%s CommonPrefixes=%s -> %s: %s%n";
            System.out.printf(row, "no delimiter:", keys(plain), prefixes(plain), "listed as an object",
                    yesNo(plainObject));
            System.out.printf(row, "delimiter \"/\":", keys(delimited), prefixes(delimited), "only a CommonPrefix",
                    yesNo(delimitedPrefixOnly));
            System.out.printf(row, "prefix marker-dir/ + \"/\":", keys(inside), prefixes(inside), "listed as an object",
                    yesNo(insideObject));
            System.out.println("  HEAD marker-dir/: " + head);
            System.out.printf(Locale.ROOT,
                    "MARKER label=%s no_delim_object=%s delim_prefix_only=%s prefix_object=%s head=%s s3_like=%s%n",
                    options.label(), yesNo(plainObject), yesNo(delimitedPrefixOnly), yesNo(insideObject),
                    head.startsWith("200") ? "200" : head,
                    yesNo(plainObject && delimitedPrefixOnly && insideObject && head.startsWith("200")));
        } finally {
            Populator.deleteBucket(setup, bucket, options.cleanupLimit());
        }
    }

    /** Deletes any bucket of this run that is still there (and the listing bucket when asked to). */
    private void sweep() {
        List<String> leftover = new ArrayList<>();
        try {
            setup.listBuckets().buckets().forEach(b -> {
                if (b.name().startsWith(runId)
                        || options.dropListBucket() && b.name().equals("stowage-bench-list-" + options.listKeys())) {
                    leftover.add(b.name());
                }
            });
        } catch (RuntimeException e) {
            System.out.println("  ! cannot list buckets for the final clean-up: " + e.getMessage());
        }
        for (String bucket : leftover) {
            System.out.println("  (deleting " + bucket + ")");
            Populator.deleteBucket(setup, bucket, options.cleanupLimit());
        }
    }

    private String newBucket(String scenario) {
        String bucket = (runId + "-" + scenario).toLowerCase(Locale.ROOT);
        setup.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** {@code poolKeys} 4 KiB objects for the reading scenarios, put before the clock starts. */
    private List<String> pool(String bucket) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < options.poolKeys(); i++) {
            keys.add(String.format(Locale.ROOT, "pool-%05d", i));
        }
        Populator.putAll(setup, bucket, keys, small, SETUP_LIMIT);
        return List.copyOf(keys);
    }

    private void getExpecting(String bucket, String key, long size, byte[] buffer) throws IOException {
        long read = Payload.drain(s3.getObject(b -> b.bucket(bucket).key(key)), buffer);
        if (read != size) {
            throw new IllegalStateException("GET " + key + " returned " + read + " bytes, expected " + size);
        }
    }

    private byte[] large() {
        if (large == null) {
            large = Payload.random(options.largeMiB() * 1024 * 1024, 64);
        }
        return large;
    }

    private static String smallKey(long i) {
        return "obj-" + i;
    }

    private static String listKey(int i) {
        return String.format(Locale.ROOT, "dir-%02d/obj-%05d", i % 100, i);
    }

    private static String randomOf(List<String> keys) {
        return keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
    }

    private static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response r) {
        return r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
