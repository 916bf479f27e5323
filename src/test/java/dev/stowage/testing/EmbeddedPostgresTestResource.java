package dev.stowage.testing;

import dev.stowage.accounts.db.EmbeddedDatabase;
import dev.stowage.accounts.db.PostgresUrl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The accounts database of every {@code @QuarkusTest}: an embedded PostgreSQL in a fresh temporary directory, one
 * per test JVM (Quarkus starts it before the application and stops it after), or — when the environment variable
 * {@value #EXTERNAL_URL_ENV} is set to {@code postgresql://user:password@host:port/database} — that external
 * PostgreSQL, left as it is (tests use fresh emails, so they run against a database other runs have used).
 */
@QuarkusTestResource(value = EmbeddedPostgresTestResource.class, restrictToAnnotatedClass = false)
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String EXTERNAL_URL_ENV = "STOWAGE_TEST_DATABASE_URL";

    private EmbeddedDatabase database;
    private Path directory;

    @Override
    public Map<String, String> start() {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            return PostgresUrl.parse(external).datasourceSettings();
        }
        try {
            directory = Files.createTempDirectory("stowage-test-postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = EmbeddedDatabase.start(directory.resolve("cluster"), directory.resolve("postgres.log"), false);
        return database.datasourceSettings();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
        if (directory != null) {
            deleteTree(directory);
            directory = null;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
