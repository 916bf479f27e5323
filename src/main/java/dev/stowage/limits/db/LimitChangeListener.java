package dev.stowage.limits.db;

import dev.stowage.db.ChannelListener;
import dev.stowage.limits.LimitSubject;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * LISTENs on {@value #CHANNEL}, where every change to a limit is announced as {@code user:<id>} or
 * {@code bucket:<name>} (by any gateway sharing the database, by the triggers that drop the limits of a deleted
 * user or bucket, or by hand in psql), and has the limit cache reload that subject; on every (re)connection the
 * whole cache is reloaded.
 */
@Singleton
public class LimitChangeListener {
    public static final String CHANNEL = "stowage_limits";
    /** How the listening session shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "stowage-limit-listener";
    private static final Logger LOG = Logger.getLogger(LimitChangeListener.class);

    private final DbLimitCache cache;
    private final ChannelListener listener;

    LimitChangeListener(Vertx vertx, DbLimitCache cache, Config config) {
        this.cache = cache;
        this.listener = new ChannelListener(vertx, ChannelListener.connectOptions(config, APPLICATION_NAME), CHANNEL,
                this::changed, cache::refreshAllLater);
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        listener.stop();
    }

    private void changed(String payload) {
        LimitSubject subject = LimitRows.parsePayload(payload);
        if (subject == null) {
            LOG.debugf("Ignoring %s notification %s; reloading every limit", CHANNEL, payload);
            cache.refreshAllLater();
        } else {
            cache.refreshLater(subject);
        }
    }
}
