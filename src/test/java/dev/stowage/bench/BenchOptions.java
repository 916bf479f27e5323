package dev.stowage.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run is told: the endpoint and credentials (arguments, else environment), which scenarios,
 * and the bounds of each. {@code --quick} shrinks every bound to a smoke run of a minute or so.
 */
record BenchOptions(
        URI endpoint,
        String accessKey,
        String secretKey,
        String region,
        String label,
        Set<String> only,
        Duration clientWarmup,
        Duration warmup,
        Duration duration,
        long maxOps,
        List<Integer> smallConcurrency,
        List<Integer> largeConcurrency,
        int mixConcurrency,
        int largeMiB,
        int listKeys,
        int poolKeys,
        Duration cleanupLimit,
        boolean dropListBucket) {

    /** Every scenario name {@code --only} accepts, in the order they run. */
    static final List<String> SCENARIOS = List.of("marker", "put4k", "get4k", "head4k", "delete4k", "mix", "put64m",
            "get64m", "list", "list-delim", "multipart");

    static final String USAGE = """
            usage: bin/bench --endpoint URL --access-key KEY --secret-key SECRET [options]
              --endpoint URL            S3 endpoint (env BENCH_ENDPOINT, AWS_ENDPOINT_URL)
              --access-key KEY          (env BENCH_ACCESS_KEY, AWS_ACCESS_KEY_ID)
              --secret-key SECRET       (env BENCH_SECRET_KEY, AWS_SECRET_ACCESS_KEY)
              --credentials-file FILE   read both keys from an AWS credentials file ([default]),
                                        e.g. Stowage's <data-dir>/system-credentials
              --region REGION           signing region (env BENCH_REGION, AWS_REGION; default us-east-1)
              --label NAME              server name put into every RESULT line (default: endpoint host:port)
              --only a,b,...            scenarios: %s
              --duration-seconds N      measured time per scenario (default 15; --quick 1)
              --client-warmup-seconds N unmeasured mix of every request kind before the first scenario, so
                                        the client's JIT has compiled its code (default 15; --quick 0)
              --warmup-seconds N        unmeasured warm-up before each scenario (default 3; --quick 0.3)
              --max-ops N               op-count bound of each scenario (default 1000000)
              --concurrency 1,16,64     concurrency levels of the 4 KiB scenarios
              --large-concurrency 1,4   concurrency levels of the large-object scenarios
              --mix-concurrency N       concurrency of the 70/30 GET/PUT mix (default 16)
              --pool-keys N             4 KiB objects the GET, HEAD and mix scenarios read (default 1000)
              --large-mib N             size of the large object (default 64; the names stay put64m/get64m)
              --list-keys N             keys in the listing bucket (default 10000; --quick 1000; at most 100000)
              --cleanup-seconds N       time bound of deleting each scenario's bucket (default 180)
              --drop-list-bucket        also delete the listing bucket at the end (kept by default for reuse)
              --quick                   short smoke run
            """.formatted(String.join(",", SCENARIOS));

    static BenchOptions parse(String[] args, Map<String, String> env) throws IOException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean quick = rest.remove("--quick");
        boolean dropList = rest.remove("--drop-list-bucket");
        if (rest.remove("--help") || rest.remove("-h")) {
            throw new IllegalArgumentException("");
        }
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                named.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < rest.size()) {
                named.put(arg.substring(2), rest.get(++i));
            } else {
                throw new IllegalArgumentException("missing value after " + arg);
            }
        }
        String accessKey = first(named.get("access-key"), env.get("BENCH_ACCESS_KEY"), env.get("AWS_ACCESS_KEY_ID"));
        String secretKey = first(named.get("secret-key"), env.get("BENCH_SECRET_KEY"),
                env.get("AWS_SECRET_ACCESS_KEY"));
        String credentialsFile = named.remove("credentials-file");
        if (credentialsFile != null) {
            String[] keys = readCredentialsFile(Path.of(credentialsFile));
            accessKey = keys[0];
            secretKey = keys[1];
        }
        String endpoint = first(named.get("endpoint"), env.get("BENCH_ENDPOINT"), env.get("AWS_ENDPOINT_URL"));
        if (endpoint == null || accessKey == null || secretKey == null) {
            throw new IllegalArgumentException("need --endpoint, --access-key and --secret-key (or the environment)");
        }
        URI uri = URI.create(endpoint.replaceAll("/+$", ""));
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        if (named.containsKey("only")) {
            only = new LinkedHashSet<>();
            for (String name : named.get("only").split(",")) {
                String scenario = name.trim().toLowerCase(Locale.ROOT);
                if (!SCENARIOS.contains(scenario)) {
                    throw new IllegalArgumentException("unknown scenario: " + scenario);
                }
                only.add(scenario);
            }
        }
        int listKeys = intArg(named, "list-keys", quick ? 1000 : 10_000);
        if (listKeys < 1 || listKeys > 100_000) {
            throw new IllegalArgumentException("--list-keys must be 1..100000");
        }
        BenchOptions options = new BenchOptions(
                uri,
                accessKey,
                secretKey,
                first(named.get("region"), env.get("BENCH_REGION"), env.get("AWS_REGION"), "us-east-1"),
                first(named.get("label"), uri.getHost() + ":" + uri.getPort()),
                only,
                seconds(named, "client-warmup-seconds", quick ? 0 : 15),
                seconds(named, "warmup-seconds", quick ? 0.3 : 3),
                seconds(named, "duration-seconds", quick ? 1 : 15),
                longArg(named, "max-ops", 1_000_000),
                intList(named, "concurrency", List.of(1, 16, 64)),
                intList(named, "large-concurrency", List.of(1, 4)),
                intArg(named, "mix-concurrency", 16),
                intArg(named, "large-mib", 64),
                listKeys,
                intArg(named, "pool-keys", quick ? 200 : 1000),
                seconds(named, "cleanup-seconds", 180),
                dropList);
        for (String key : List.of("endpoint", "access-key", "secret-key", "region", "label", "only",
                "client-warmup-seconds", "warmup-seconds", "duration-seconds", "max-ops", "concurrency",
                "large-concurrency", "mix-concurrency", "large-mib", "list-keys", "pool-keys", "cleanup-seconds")) {
            named.remove(key);
        }
        if (!named.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", named.keySet()));
        }
        return options;
    }

    int maxConcurrency() {
        int max = mixConcurrency;
        for (int c : smallConcurrency) {
            max = Math.max(max, c);
        }
        for (int c : largeConcurrency) {
            max = Math.max(max, c);
        }
        return Math.max(max, Populator.CONCURRENCY);
    }

    boolean runs(String scenario) {
        return only.contains(scenario);
    }

    /** Reads aws_access_key_id and aws_secret_access_key of the [default] profile of a shared-credentials file. */
    private static String[] readCredentialsFile(Path file) throws IOException {
        String access = null;
        String secret = null;
        String profile = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                profile = line.replaceAll("[\\[\\]]", "").strip();
            } else if (profile.equals("default") && line.contains("=") && !line.startsWith("#")) {
                String name = line.substring(0, line.indexOf('=')).strip();
                String value = line.substring(line.indexOf('=') + 1).strip();
                if (name.equals("aws_access_key_id")) {
                    access = value;
                } else if (name.equals("aws_secret_access_key")) {
                    secret = value;
                }
            }
        }
        if (access == null || secret == null) {
            throw new IllegalArgumentException("no [default] keys in " + file);
        }
        return new String[] {access, secret};
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static Duration seconds(Map<String, String> named, String name, double fallback) {
        double value = named.containsKey(name) ? Double.parseDouble(named.get(name)) : fallback;
        if (value < 0 || value > 86_400) {
            throw new IllegalArgumentException("--" + name + " out of range");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static int intArg(Map<String, String> named, String name, int fallback) {
        int value = named.containsKey(name) ? Integer.parseInt(named.get(name)) : fallback;
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static long longArg(Map<String, String> named, String name, long fallback) {
        long value = named.containsKey(name) ? Long.parseLong(named.get(name)) : fallback;
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static List<Integer> intList(Map<String, String> named, String name, List<Integer> fallback) {
        if (!named.containsKey(name)) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : named.get(name).split(",")) {
            int value = Integer.parseInt(part.trim());
            if (value < 1 || value > 1024) {
                throw new IllegalArgumentException("--" + name + " values must be 1..1024");
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
