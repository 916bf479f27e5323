package dev.stowage.limits.db;

import dev.stowage.limits.LimitSubject;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * LISTENs on {@value #CHANNEL}, where every change to a limit is announced as {@code user:<id>} or
 * {@code bucket:<name>} (by any gateway sharing the database, by the triggers that drop the limits of a deleted
 * user or bucket, or by hand in psql), and has the limit cache reload that subject. On every (re)connection the
 * whole cache is reloaded, since notifications sent while disconnected are lost. The connection is its own, outside
 * the pool, and is re-established every second until it succeeds.
 */
@Singleton
public class LimitChangeListener {
    public static final String CHANNEL = "stowage_limits";
    /** How the listening session shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "stowage-limit-listener";
    private static final Logger LOG = Logger.getLogger(LimitChangeListener.class);
    private static final long RETRY_MILLIS = 1000;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Vertx vertx;
    private final DbLimitCache cache;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private boolean stopped;

    LimitChangeListener(Vertx vertx, DbLimitCache cache, Config config) {
        this.vertx = vertx;
        this.cache = cache;
        this.options = connectOptions(config);
    }

    void start(@Observes StartupEvent event) {
        connect();
    }

    /** Closes the listening connection and waits (briefly) until it is closed, while Vert.x still runs. */
    void stop(@Observes ShutdownEvent event) {
        PgSubscriber s;
        synchronized (this) {
            stopped = true;
            s = subscriber;
        }
        if (s == null) {
            return;
        }
        try {
            s.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Closing the %s listener: %s", CHANNEL, e);
        }
    }

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        PgSubscriber s = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> attempt == 0 ? 0L : RETRY_MILLIS);
        s.channel(CHANNEL)
                .handler(this::changed)
                .subscribeHandler(v -> {
                    LOG.debugf("Listening on %s; reloading every limit", CHANNEL);
                    cache.refreshAllLater();
                });
        subscriber = s;
        s.connect().onFailure(e -> {
            LOG.warnf("Cannot LISTEN on %s yet (%s); retrying every second", CHANNEL, e.getMessage());
            s.close();
            vertx.setTimer(RETRY_MILLIS, t -> connect());
        });
    }

    private void changed(String payload) {
        LimitSubject subject = LimitRows.parsePayload(payload.strip());
        if (subject == null) {
            LOG.debugf("Ignoring %s notification %s; reloading every limit", CHANNEL, payload);
            cache.refreshAllLater();
        } else {
            cache.refreshLater(subject);
        }
    }

    /** Where the reactive datasource connects: {@code quarkus.datasource.reactive.url} and the credentials. */
    static PgConnectOptions connectOptions(Config config) {
        String urls = config.getValue("quarkus.datasource.reactive.url", String.class);
        String url = urls.split(",")[0].strip();
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url).addProperty("application_name", APPLICATION_NAME);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }
}
