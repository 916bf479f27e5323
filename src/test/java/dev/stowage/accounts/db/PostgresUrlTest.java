package dev.stowage.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void parse_urlWithCredentials_givesBothDatasourceUrlsAndTheCredentials() {
        PostgresUrl url = PostgresUrl.parse("postgresql://stowage:s%40cret@db.internal:6543/accounts");
        assertThat(url.datasourceSettings()).containsExactly(
                Map.entry("quarkus.datasource.reactive.url", "postgresql://db.internal:6543/accounts"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal:6543/accounts"),
                Map.entry("quarkus.datasource.username", "stowage"),
                Map.entry("quarkus.datasource.password", "s@cret"));
    }

    @Test
    void parse_prefixesDefaultsAndQuery_areUnderstood() {
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?sslmode=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db?sslmode=require");
        assertThat(PostgresUrl.parse("vertx-reactive:postgres://h:1").reactiveUrl()).isEqualTo("postgresql://h:1/postgres");
        assertThat(PostgresUrl.parse("postgresql://h/db").datasourceSettings()).doesNotContainKey("quarkus.datasource.username");
    }

    @Test
    void parse_otherSchemes_areRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutPassword_hidesOnlyThePassword() {
        assertThat(PostgresUrl.withoutPassword("postgresql://u:p4ss@h:1/db")).isEqualTo("postgresql://u:***@h:1/db");
        assertThat(PostgresUrl.withoutPassword("postgresql://h:1/db")).isEqualTo("postgresql://h:1/db");
    }
}
