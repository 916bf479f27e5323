package dev.stowage.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * LISTENs on one PostgreSQL channel on a connection of its own (outside the pool) and hands every payload to a
 * consumer. Notifications sent while disconnected are lost, so {@code onSubscribed} runs on every (re)connection
 * (callers reload everything there). The connection is re-established every second until it succeeds.
 */
public final class ChannelListener {
    private static final Logger LOG = Logger.getLogger(ChannelListener.class);
    private static final long RETRY_MILLIS = 1000;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Consumer<String> onNotification;
    private final Runnable onSubscribed;
    private PgSubscriber subscriber;
    private boolean stopped;

    public ChannelListener(Vertx vertx, PgConnectOptions options, String channel, Consumer<String> onNotification,
            Runnable onSubscribed) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.onNotification = onNotification;
        this.onSubscribed = onSubscribed;
    }

    public synchronized void start() {
        if (stopped) {
            return;
        }
        PgSubscriber s = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> attempt == 0 ? 0L : RETRY_MILLIS);
        s.channel(channel)
                .handler(payload -> onNotification.accept(payload.strip()))
                .subscribeHandler(v -> {
                    LOG.debugf("Listening on %s; reloading everything it announces", channel);
                    onSubscribed.run();
                });
        subscriber = s;
        s.connect().onFailure(e -> {
            LOG.warnf("Cannot LISTEN on %s yet (%s); retrying every second", channel, e.getMessage());
            s.close();
            vertx.setTimer(RETRY_MILLIS, t -> start());
        });
    }

    /** Closes the listening connection and waits (briefly) until it is closed, while Vert.x still runs. */
    public void stop() {
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
            LOG.debugf("Closing the %s listener: %s", channel, e);
        }
    }

    /**
     * Where the reactive datasource connects ({@code quarkus.datasource.reactive.url} and the credentials), with
     * an application name that shows the session in {@code pg_stat_activity}.
     */
    public static PgConnectOptions connectOptions(Config config, String applicationName) {
        String urls = config.getValue("quarkus.datasource.reactive.url", String.class);
        String url = urls.split(",")[0].strip();
        if (url.startsWith("vertx-reactive:")) {
            url = url.substring("vertx-reactive:".length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url).addProperty("application_name", applicationName);
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        return options;
    }
}
