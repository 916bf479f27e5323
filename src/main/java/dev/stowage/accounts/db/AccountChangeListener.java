package dev.stowage.accounts.db;

import dev.stowage.db.ChannelListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * LISTENs on {@value #CHANNEL}, where every change to a user or its keys is announced with the user id (by any
 * gateway sharing the database, or by hand in psql), and has the credential cache reload that user; on every
 * (re)connection the whole cache is reloaded.
 */
@Singleton
public class AccountChangeListener {
    public static final String CHANNEL = "stowage_accounts";
    /** How the listening session shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "stowage-account-listener";

    private final ChannelListener listener;

    AccountChangeListener(Vertx vertx, DbCredentialStore credentials, Config config) {
        this.listener = new ChannelListener(vertx, ChannelListener.connectOptions(config, APPLICATION_NAME), CHANNEL,
                credentials::refreshLater, credentials::refreshAllLater);
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }
}
