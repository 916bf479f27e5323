package dev.stowage.accounts.db;

import dev.stowage.config.StowageConfig.Database.Embedded;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides, before Quarkus starts, whether the gateway runs its own PostgreSQL. {@code stowage.database.embedded}
 * ({@code STOWAGE_DATABASE_EMBEDDED}) is {@code auto} (the default: embedded unless
 * {@code quarkus.datasource.reactive.url} is set as a system property or {@code QUARKUS_DATASOURCE_REACTIVE_URL} in
 * the environment), {@code always} or {@code never}. The embedded cluster lives in {@code <data-dir>/postgres}.
 * Only system properties and the environment are read: Quarkus' configuration does not exist yet.
 */
public record DatabaseSelection(Embedded mode, Optional<String> externalUrl, Optional<String> externalJdbcUrl,
        Path dataDir) {

    static final String MODE_PROPERTY = "stowage.database.embedded";
    static final String REACTIVE_URL_PROPERTY = "quarkus.datasource.reactive.url";
    static final String JDBC_URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String DATA_DIR_PROPERTY = "stowage.data-dir";

    /** Reads the settings the way Quarkus will: a system property wins over the environment variable. */
    public static DatabaseSelection from(Properties system, Map<String, String> env, String defaultDataDir) {
        String mode = setting(system, env, MODE_PROPERTY).orElse("auto").strip().toUpperCase(Locale.ROOT);
        Embedded m;
        try {
            m = Embedded.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE_PROPERTY + " is auto, always or never, not " + mode.toLowerCase(Locale.ROOT));
        }
        return new DatabaseSelection(m, setting(system, env, REACTIVE_URL_PROPERTY), setting(system, env, JDBC_URL_PROPERTY),
                Path.of(setting(system, env, DATA_DIR_PROPERTY).orElse(defaultDataDir)));
    }

    public boolean embedded() {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> externalUrl.isEmpty();
        };
    }

    /** Where the embedded cluster lives. */
    public Path embeddedDirectory() {
        return dataDir.resolve("postgres").toAbsolutePath();
    }

    /** Where the embedded server's own log goes. */
    public Path embeddedLog() {
        return dataDir.resolve("postgres.log").toAbsolutePath();
    }

    /**
     * The JDBC URL Flyway needs when only the reactive one is configured, derived from it; empty when a JDBC URL is
     * configured or none can be derived.
     */
    public Optional<String> derivedJdbcUrl() {
        if (externalJdbcUrl.isPresent() || externalUrl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PostgresUrl.parse(externalUrl.get().split(",")[0]).jdbcUrl());
    }

    private static Optional<String> setting(Properties system, Map<String, String> env, String name) {
        String value = system.getProperty(name);
        if (value == null) {
            value = env.get(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
