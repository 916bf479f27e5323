package dev.stowage.limits.db;

import dev.stowage.db.Blocking;

import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import dev.stowage.limits.LimitsAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
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
        return Blocking.await(() -> tx.get(subject));
    }

    @Override
    public LimitSet set(LimitSubject subject, LimitKey key, double value) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a limit is a finite number >= 0: " + value);
        }
        LimitSet all = Blocking.await(() -> tx.set(subject, key, value));
        showInCache(subject);
        return all;
    }

    @Override
    public LimitSet reset(LimitSubject subject) {
        Objects.requireNonNull(subject, "subject");
        LimitSet none = Blocking.await(() -> tx.reset(subject));
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
}
