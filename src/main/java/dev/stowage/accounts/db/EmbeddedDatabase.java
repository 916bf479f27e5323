package dev.stowage.accounts.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server the gateway runs itself (zonky's embedded binaries for linux-amd64), listening on loopback
 * on a free port, its cluster in a directory that survives restarts. As root, the server drops to an unprivileged
 * user namespace by itself. A process killed with SIGKILL cannot stop its server, so a tiny watchdog shell stops it
 * the moment the JVM is gone, and a start finds and stops any server a dead gateway left on the same directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /** Keeps every live watchdog's pipe reachable: were it collected and closed, its watchdog would strike. */
    private static final Set<Process> WATCHDOGS = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Process watchdog;
    private final CountDownLatch closed = new CountDownLatch(1);

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, Process watchdog) {
        this.postgres = postgres;
        this.directory = directory;
        this.watchdog = watchdog;
    }

    /**
     * Starts the server on {@code directory} (initialised on first use), its own messages appended to {@code log}.
     * {@code durable} keeps PostgreSQL's default of flushing every commit; tests turn it off for speed.
     */
    public static EmbeddedDatabase start(Path directory, Path log, boolean durable) {
        try {
            Path dir = directory.toAbsolutePath();
            Files.createDirectories(dir);
            Files.createDirectories(log.toAbsolutePath().getParent());
            setAsideIfIncomplete(dir);
            LeftoverPostmaster.clear(dir);
            File logFile = log.toFile();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(freeLoopbackPort())
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky starts the server with -F (no fsync); the gateway's own database must survive a crash
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(logFile))
                    .setErrorRedirector(Redirect.appendTo(logFile))
                    .start();
            return new EmbeddedDatabase(postgres, dir, startWatchdog(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory + " (its log: "
                    + log.toAbsolutePath() + ")", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    public PostgresUrl url() {
        return new PostgresUrl("localhost", port(), DATABASE, null, USER, "postgres");
    }

    /** The {@code quarkus.datasource.*} settings that point the gateway at this server. */
    public Map<String, String> datasourceSettings() {
        return url().datasourceSettings();
    }

    /** Stops the server (a fast shutdown: open sessions are ended, the cluster is checkpointed). */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = LeftoverPostmaster.pid(directory).flatMap(ProcessHandle::of);
        try {
            postgres.close(); // pg_ctl stop, waiting 5 s at most
            postmaster.ifPresent(p -> LeftoverPostmaster.waitForExit(p, STOP_WAIT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (watchdog != null) {
                watchdog.destroyForcibly();
                WATCHDOGS.remove(watchdog);
            }
            closed.countDown();
        }
    }

    /** Waits until {@link #close} has finished, at most {@code timeout}: a shutdown hook's way to let it finish. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A directory that initdb left half-written (killed during the first start) holds nothing worth keeping. */
    private static void setAsideIfIncomplete(Path dir) throws IOException {
        if (Files.exists(dir.resolve("postgresql.conf"))) {
            return;
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        Path aside = dir.resolveSibling(dir.getFileName() + ".incomplete-" + System.currentTimeMillis());
        Files.move(dir, aside);
        Files.createDirectories(dir);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A shell that waits for end-of-file on its standard input, a pipe from this JVM, which comes the moment the JVM
     * is gone, however it died. Then, if the postmaster's pid is still a server of this directory (its command line
     * names it), it kills the server and its processes outright (SIGKILL, as a power cut would: nothing more is
     * written, not even to a directory being deleted; the next start recovers from the WAL). It ignores the
     * terminal's signals; a clean stop kills it right after the server has stopped.
     */
    private static Process startWatchdog(Path dir) {
        Optional<Long> postmaster = LeftoverPostmaster.pid(dir);
        if (postmaster.isEmpty()) {
            return null;
        }
        String script = """
                trap '' INT TERM HUP
                while read -r line; do :; done
                if tr '\\0' '\\n' < "/proc/$2/cmdline" 2>/dev/null | grep -qxF -- "$1"; then
                    kill -KILL "$2" $(pgrep -P "$2" 2>/dev/null)
                fi
                """;
        try {
            Process watchdog = new ProcessBuilder("sh", "-c", script, "stowage-postgres-watchdog", dir.toString(),
                    Long.toString(postmaster.get()))
                    .redirectInput(Redirect.PIPE)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            WATCHDOGS.add(watchdog);
            return watchdog;
        } catch (IOException e) {
            return null; // no sh: a SIGKILLed gateway then leaves its server for the next start to stop
        }
    }
}
