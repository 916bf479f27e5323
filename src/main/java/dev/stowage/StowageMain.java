package dev.stowage;

import dev.stowage.accounts.db.DatabaseSelection;
import dev.stowage.accounts.db.EmbeddedDatabase;
import dev.stowage.accounts.db.PostgresUrl;
import dev.stowage.config.ServerThreads;
import dev.stowage.config.StowageConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Starts the gateway: its embedded PostgreSQL first when no external database is configured, then Quarkus. */
@QuarkusMain
public final class StowageMain {
    private static final Logger LOG = Logger.getLogger(StowageMain.class);
    /** How long a shutdown hook keeps the JVM alive for the embedded database to stop after Quarkus. */
    private static final Duration DATABASE_STOP_WAIT = Duration.ofSeconds(30);

    private StowageMain() {}

    public static void main(String... args) {
        ServerThreads.applyCarrierDefault(); // before anything starts a virtual thread
        // S3 keys are arbitrary: a raw path that is not a valid URI (e.g. "%zz", "//") must reach the S3 route
        // and get an S3 answer (InvalidURI in S3 XML) instead of the HTTP layer's empty 400.
        System.setProperty("vertx.disableURIValidation", "true");

        EmbeddedDatabase database;
        try {
            DatabaseSelection selection = DatabaseSelection.from(System.getProperties(), System.getenv(),
                    StowageConfig.DEFAULT_DATA_DIR);
            database = selection.embedded() ? startEmbedded(selection) : useExternal(selection);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stowage cannot start its database: %s", e.getMessage());
            System.exit(1);
            return;
        }
        int[] exitCode = {0};
        try {
            // Quarkus returns here after a SIGTERM too (its own hook stops the application): then the database
            // stops, and the hook registered in startEmbedded holds the JVM until it has.
            Quarkus.run(null, (code, failure) -> {
                exitCode[0] = code;
                if (failure != null) {
                    LOG.error("Stowage stopped on an error", failure);
                }
            }, args);
        } finally {
            if (database != null) {
                database.close();
            }
        }
        System.exit(exitCode[0]);
    }

    private static EmbeddedDatabase startEmbedded(DatabaseSelection selection) {
        EmbeddedDatabase database = EmbeddedDatabase.start(selection.embeddedDirectory(), selection.embeddedLog(), true);
        database.datasourceSettings().forEach(System::setProperty);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> database.awaitClosed(DATABASE_STOP_WAIT),
                "stowage-database-stop"));
        LOG.infof("Database: embedded PostgreSQL in %s on localhost:%d (its log: %s)", database.directory(),
                database.port(), selection.embeddedLog());
        return database;
    }

    private static EmbeddedDatabase useExternal(DatabaseSelection selection) {
        selection.derivedJdbcUrl().ifPresent(url -> System.setProperty("quarkus.datasource.jdbc.url", url));
        LOG.infof("Database: %s", selection.externalUrl()
                .map(url -> "external PostgreSQL at " + PostgresUrl.withoutPassword(url))
                .orElse("quarkus.datasource settings (stowage.database.embedded=never)"));
        return null;
    }
}
