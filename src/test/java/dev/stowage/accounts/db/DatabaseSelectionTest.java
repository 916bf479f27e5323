package dev.stowage.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DatabaseSelectionTest {

    @Test
    void nothingConfigured_isEmbeddedUnderTheDefaultDataDir() {
        DatabaseSelection s = DatabaseSelection.from(new Properties(), Map.of(), "data");
        assertThat(s.embedded()).isTrue();
        assertThat(s.embeddedDirectory()).isEqualTo(Path.of("data", "postgres").toAbsolutePath());
    }

    @Test
    void dataDir_systemPropertyWinsOverEnvironment() {
        Properties system = new Properties();
        system.setProperty("stowage.data-dir", "/from-property");
        DatabaseSelection s = DatabaseSelection.from(system, Map.of("STOWAGE_DATA_DIR", "/from-env"), "data");
        assertThat(s.embeddedDirectory()).isEqualTo(Path.of("/from-property/postgres"));
        assertThat(DatabaseSelection.from(new Properties(), Map.of("STOWAGE_DATA_DIR", "/from-env"), "data")
                .embeddedDirectory()).isEqualTo(Path.of("/from-env/postgres"));
    }

    @Test
    void reactiveUrlInEnvironment_isExternalWithDerivedJdbcUrl() {
        DatabaseSelection s = DatabaseSelection.from(new Properties(),
                Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db:5432/stowage"), "data");
        assertThat(s.embedded()).isFalse();
        assertThat(s.derivedJdbcUrl()).contains("jdbc:postgresql://db:5432/stowage");
    }

    @Test
    void jdbcUrlConfigured_isNotDerived() {
        DatabaseSelection s = DatabaseSelection.from(new Properties(), Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://db/stowage",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/stowage?ssl=true"), "data");
        assertThat(s.derivedJdbcUrl()).isEmpty();
    }

    @Test
    void modes_alwaysAndNever_overrideTheUrlRule() {
        Properties system = new Properties();
        system.setProperty("quarkus.datasource.reactive.url", "postgresql://db/stowage");
        system.setProperty("stowage.database.embedded", "always");
        assertThat(DatabaseSelection.from(system, Map.of(), "data").embedded()).isTrue();
        assertThat(DatabaseSelection.from(new Properties(), Map.of("STOWAGE_DATABASE_EMBEDDED", "never"), "data")
                .embedded()).isFalse();
    }

    @Test
    void unknownMode_isRefused() {
        assertThatThrownBy(() -> DatabaseSelection.from(new Properties(), Map.of("STOWAGE_DATABASE_EMBEDDED", "maybe"),
                "data")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
    }
}
