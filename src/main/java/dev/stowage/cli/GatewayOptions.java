package dev.stowage.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command takes: the gateway's endpoint and the system user's key pair. Each comes from its
 * flag, else from the environment, else (the key pair) from the credentials file the gateway writes at first
 * start, {@code <data-dir>/system-credentials}.
 */
final class GatewayOptions {
    static final String ENV_ENDPOINT = "STOWAGE_ENDPOINT";
    static final String ENV_ACCESS_KEY = "STOWAGE_ACCESS_KEY";
    static final String ENV_SECRET_KEY = "STOWAGE_SECRET_KEY";
    static final String ENV_CREDENTIALS_FILE = "STOWAGE_CREDENTIALS_FILE";
    static final String ENV_DATA_DIR = "STOWAGE_DATA_DIR";
    /** Set by {@code bin/ostor-s3-admin} to the repository root, whose {@code data/} bin/stowage uses. */
    static final String HOME_PROPERTY = "stowage.home";
    static final String DEFAULT_ENDPOINT = "http://localhost:9000";
    static final String CREDENTIALS_FILE_NAME = "system-credentials";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "The gateway's URL (env STOWAGE_ENDPOINT; default " + DEFAULT_ENDPOINT + ").")
    String endpoint;

    @Option(names = "--access-key", paramLabel = "KEY",
            description = "A system user's access key id (env STOWAGE_ACCESS_KEY).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET",
            description = "Its secret access key (env STOWAGE_SECRET_KEY; prefer the environment or a file,"
                    + " command lines are visible to other users).")
    String secretKey;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "An AWS shared-credentials file whose [default] profile holds the key pair"
                    + " (env STOWAGE_CREDENTIALS_FILE; default data/system-credentials, or"
                    + " $STOWAGE_DATA_DIR/system-credentials, when it exists).")
    Path credentialsFile;

    /** Resolves endpoint and key pair: flags, then environment, then the credentials file. */
    GatewayTarget resolve(Map<String, String> env) {
        URI uri = endpoint(firstNonBlank(endpoint, env.get(ENV_ENDPOINT), DEFAULT_ENDPOINT));
        if (accessKey != null || secretKey != null) {
            return new GatewayTarget(uri, required(accessKey, "--access-key", "--secret-key"),
                    required(secretKey, "--secret-key", "--access-key"));
        }
        String envKey = blankToNull(env.get(ENV_ACCESS_KEY));
        String envSecret = blankToNull(env.get(ENV_SECRET_KEY));
        if (envKey != null || envSecret != null) {
            return new GatewayTarget(uri, required(envKey, ENV_ACCESS_KEY, ENV_SECRET_KEY),
                    required(envSecret, ENV_SECRET_KEY, ENV_ACCESS_KEY));
        }
        Path file = credentialsFile != null ? credentialsFile : pathOrNull(env.get(ENV_CREDENTIALS_FILE));
        if (file == null) {
            file = defaultCredentialsFile(env);
        }
        if (file == null) {
            throw new CliException(ExitStatus.USAGE, "no credentials: pass --access-key and --secret-key, set "
                    + ENV_ACCESS_KEY + " and " + ENV_SECRET_KEY + ", or point --credentials-file at the gateway's "
                    + "<data-dir>/" + CREDENTIALS_FILE_NAME);
        }
        String[] pair = readCredentialsFile(file);
        return new GatewayTarget(uri, pair[0], pair[1]);
    }

    /** The first existing of $STOWAGE_DATA_DIR/system-credentials, data/system-credentials, $stowage.home/data/…. */
    static Path defaultCredentialsFile(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        String dataDir = blankToNull(env.get(ENV_DATA_DIR));
        if (dataDir != null) {
            candidates.add(Path.of(dataDir, CREDENTIALS_FILE_NAME));
        }
        candidates.add(Path.of("data", CREDENTIALS_FILE_NAME));
        String home = blankToNull(System.getProperty(HOME_PROPERTY));
        if (home != null) {
            candidates.add(Path.of(home, "data", CREDENTIALS_FILE_NAME));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The {@code [default]} profile's {@code aws_access_key_id} and {@code aws_secret_access_key} (keys before any
     * profile header count as default too); comments and other profiles are ignored.
     */
    static String[] readCredentialsFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.USAGE, "cannot read the credentials file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitStatus.USAGE, "cannot read the credentials file " + file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitStatus.USAGE, "cannot read the credentials file " + file + ": " + e);
        }
        String key = null;
        String secret = null;
        boolean inDefault = true;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                inDefault = l.substring(1, l.length() - 1).strip().equals("default");
                continue;
            }
            int eq = l.indexOf('=');
            if (!inDefault || eq <= 0) {
                continue;
            }
            String name = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (name.equals("aws_access_key_id")) {
                key = value;
            } else if (name.equals("aws_secret_access_key")) {
                secret = value;
            }
        }
        if (blankToNull(key) == null || blankToNull(secret) == null) {
            throw new CliException(ExitStatus.USAGE, "the credentials file " + file
                    + " has no aws_access_key_id and aws_secret_access_key in its [default] profile");
        }
        return new String[] {key, secret};
    }

    /** An http(s) URL with a host and no path, query or fragment; the trailing slash is dropped. */
    static URI endpoint(String text) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw badEndpoint(text);
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw badEndpoint(text);
        }
        return uri;
    }

    private static CliException badEndpoint(String text) {
        return new CliException(ExitStatus.USAGE, "invalid endpoint '" + text
                + "': expected http://host[:port] or https://host[:port]");
    }

    private static String required(String value, String name, String partner) {
        if (blankToNull(value) == null) {
            throw new CliException(ExitStatus.USAGE, partner + " needs " + name + " too");
        }
        return value;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Path pathOrNull(String s) {
        return blankToNull(s) == null ? null : Path.of(s);
    }
}
