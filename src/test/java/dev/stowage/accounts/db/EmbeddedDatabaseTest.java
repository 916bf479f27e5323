package dev.stowage.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own PostgreSQL: loopback only, durable, its data kept across restarts, one server per directory, and
 * never outliving the process that started it.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void restart_onSameDirectory_keepsTheData() throws SQLException {
        Path dir = temp.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, temp.resolve("postgres.log"), true)) {
            sql(db, "create table kept (v text); insert into kept values ('survives')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, temp.resolve("postgres.log"), true)) {
            try (Connection c = connect(db); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives");
            }
            assertThat(setting(db, "listen_addresses")).isEqualTo("localhost");
            assertThat(setting(db, "fsync")).as("durable").isEqualTo("on");
            assertThat(setting(db, "synchronous_commit")).as("durable").isEqualTo("on");
        }
        assertThat(Files.exists(dir.resolve(LeftoverPostmaster.PID_FILE))).as("stopped cleanly").isFalse();
    }

    @Test
    void start_onDirectoryOfARunningServer_isRefused() {
        Path dir = temp.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, temp.resolve("postgres.log"), false)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, temp.resolve("postgres.log"), false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void owningProcessKilled_serverStopsWithinSeconds_evenWithItsDirectoryGone() throws Exception {
        Path dir = temp.resolve("killed").resolve("postgres");
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseHost.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long postmaster;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("POSTMASTER ")) {
                // the host's log lines
            }
            assertThat(line).as("the host printed the postmaster's pid").isNotNull();
            postmaster = Long.parseLong(line.substring("POSTMASTER ".length()).strip());
            assertThat(ProcessHandle.of(postmaster)).get().matches(ProcessHandle::isAlive);

            host.destroyForcibly(); // SIGKILL: no shutdown hook runs
            host.waitFor();
            deleteTree(dir.getParent()); // as JUnit removes a test's temp dir right after it
        } finally {
            host.destroyForcibly();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
                fail("the server of a killed process still runs after 10 s");
            }
            Thread.sleep(50);
        }
    }

    /** Deletes a tree the server may still be changing (its own shutdown removes files too). */
    private static void deleteTree(Path root) throws IOException {
        for (int attempt = 0; Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt > 50) {
                    throw e;
                }
            }
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url().jdbcUrl(), EmbeddedDatabase.USER, "postgres");
    }

    private static String setting(EmbeddedDatabase db, String name) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sql(EmbeddedDatabase db, String statements) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}
