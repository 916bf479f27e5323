package dev.stowage.limits.db;

import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import dev.stowage.limits.LimitsAdmin;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@link LimitsAdmin} on PostgreSQL: each call is one reactive transaction of {@link LimitTransactions}, awaited on
 * the caller's (virtual) thread. A change reaches this gateway's {@link DbLimitCache} before the call returns, and
 * every other gateway's through the {@code stowage_limits} notification.
 */
@ApplicationScoped
public class LimitsService implements LimitsAdmin {
    private static final Logger LOG = Logger.getLogger(LimitsService.class);
    private final LimitTransactions tx;
    private final DbLimitCache cache;

    LimitsService(LimitTransactions tx, DbLimitCache cache) {
        this.tx = tx;
        this.cache = cache;
    }

    @Override
    public LimitSet get(LimitSubject subject) {
        Objects.requireNonNull(subject, "subject");
        return await(() -> tx.get(subject));
    }

    @Override
    public LimitSet set(LimitSubject subject, LimitKey key, double value) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a limit is a finite number >= 0: " + value);
        }
        LimitSet all = await(() -> tx.set(subject, key, value));
        showInCache(subject);
        return all;
    }

    @Override
    public LimitSet reset(LimitSubject subject) {
        Objects.requireNonNull(subject, "subject");
        LimitSet none = await(() -> tx.reset(subject));
        showInCache(subject);
        return none;
    }

    /** Reloads the subject into the cache after a committed change; a failure here does not undo the change. */
    private void showInCache(LimitSubject subject) {
        try {
            cache.refresh(subject);
        } catch (RuntimeException e) {
            LOG.warnf(e, "The limits of %s changed but the cache could not reload them yet; the change notification"
                    + " or the next full reload will", subject);
        }
    }

    /** Runs the reactive work on a Vert.x context and waits for it; the refusal raised inside is rethrown as is. */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
