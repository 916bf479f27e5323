package dev.stowage.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import dev.stowage.accounts.UserState;
import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The credential cache that answers every S3 request: changes made through {@link Accounts} show at once in this
 * gateway; changes announced on {@code stowage_accounts} by anyone else (another replica, psql) show within a poll of
 * a few seconds.
 */
@QuarkusTest
class CredentialCacheTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Inject
    Accounts accounts;

    @Inject
    CredentialStore credentials;

    @Inject
    DbCredentialStore cache;

    @Test
    void credentialStore_isTheDatabaseBackedCache() {
        assertThat(credentials.find("no-such-key")).isEmpty();
        UserAccount user = accounts.createUser(TestEmails.fresh("bean"), false);
        assertThat(credentials.find(key(user))).isEqualTo(cache.find(key(user)));
    }

    @Test
    void createUser_keyIsFoundAtOnceWithUserDetails() {
        UserAccount user = accounts.createUser(TestEmails.fresh("cached"), true);
        Credential c = credentials.find(key(user)).orElseThrow();
        assertThat(c.secretKey()).isEqualTo(user.keys().get(0).secretAccessKey());
        assertThat(c.userId()).isEqualTo(user.id());
        assertThat(c.displayName()).isEqualTo(user.displayName()).doesNotContain("@");
        assertThat(c.system()).isTrue();
        assertThat(c.enabled()).isTrue();
    }

    @Test
    void setState_disabledThenEnabled_showsAtOnce() {
        UserAccount user = accounts.createUser(TestEmails.fresh("toggle"), false);
        AccessKeyPair second = accounts.generateKey(user.id());

        accounts.setState(user.id(), UserState.DISABLED);
        assertThat(credentials.find(key(user)).orElseThrow().enabled()).isFalse();
        assertThat(credentials.find(second.accessKeyId()).orElseThrow().enabled()).isFalse();

        accounts.setState(user.id(), UserState.ENABLED);
        assertThat(credentials.find(key(user)).orElseThrow().enabled()).isTrue();
    }

    @Test
    void generateAndRevokeKey_showAtOnce() {
        UserAccount user = accounts.createUser(TestEmails.fresh("rotate"), false);
        AccessKeyPair second = accounts.generateKey(user.id());
        assertThat(credentials.find(second.accessKeyId())).isPresent();

        accounts.revokeKey(user.id(), key(user));
        assertThat(credentials.find(key(user))).isEmpty();
        assertThat(credentials.find(second.accessKeyId())).isPresent();
    }

    @Test
    void deleteUser_keysAreGoneAtOnce() {
        UserAccount user = accounts.createUser(TestEmails.fresh("gone"), false);
        AccessKeyPair second = accounts.generateKey(user.id());
        accounts.deleteUser(user.id());
        assertThat(credentials.find(key(user))).isEmpty();
        assertThat(credentials.find(second.accessKeyId())).isEmpty();
    }

    @Test
    void notifyFromAnotherConnection_reloadsThatUser() throws SQLException {
        UserAccount user = accounts.createUser(TestEmails.fresh("replica"), false);
        try (Connection other = connect()) {
            // what another replica does: change the row (here with the schema's triggers off, so that only the
            // explicit NOTIFY below can tell this gateway), then notify the user id on commit
            withoutTriggers(other, () -> update(other, "update users set state = 'disabled' where id = ?", user.id()));
            update(other, "select pg_notify('stowage_accounts', ?)", user.id());
        }
        awaitTrue("the key to be disabled", () -> !credentials.find(key(user)).orElseThrow().enabled());
    }

    @Test
    void keyDeletedByHandInTheDatabase_triggerNotifies_cacheDropsIt() throws SQLException {
        UserAccount user = accounts.createUser(TestEmails.fresh("byhand"), false);
        try (Connection other = connect()) {
            update(other, "delete from access_keys where access_key_id = ?", key(user));
        }
        awaitTrue("the key to be gone", () -> credentials.find(key(user)).isEmpty());
    }

    @Test
    void listenerReconnects_reloadsEverything() throws SQLException {
        UserAccount user = accounts.createUser(TestEmails.fresh("reconnect"), false);
        try (Connection other = connect()) {
            // a change nobody was told about (as if notified while this gateway was disconnected) ...
            withoutTriggers(other, () -> update(other, "update users set state = 'disabled' where id = ?", user.id()));
            // ... is picked up by the full reload that follows every reconnection
            update(other, "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                    AccountChangeListener.APPLICATION_NAME);
        }
        awaitTrue("the key to be disabled", () -> !credentials.find(key(user)).orElseThrow().enabled());
    }

    @Test
    void periodicReload_repairsWhatNoNotificationAnnounced() throws SQLException {
        UserAccount user = accounts.createUser(TestEmails.fresh("safetynet"), false);
        try (Connection other = connect()) {
            withoutTriggers(other, () -> update(other, "delete from access_keys where user_id = ?", user.id()));
        }
        cache.reloadPeriodically();
        assertThat(credentials.find(key(user))).isEmpty();
    }

    private static String key(UserAccount user) {
        return user.keys().get(0).accessKeyId();
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /** Runs {@code action} with the triggers off for this session (needs a superuser, as the embedded one is). */
    private static void withoutTriggers(Connection c, SqlAction action) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
        }
        try {
            action.run();
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("set session_replication_role = origin");
            }
        }
    }

    private static void update(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.execute();
        }
    }

    /** Polls for a condition for up to {@link #PATIENCE}; fails if it never holds. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }
}
