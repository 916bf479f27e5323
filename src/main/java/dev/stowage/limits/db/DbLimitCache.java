package dev.stowage.limits.db;

import dev.stowage.db.Blocking;

import dev.stowage.limits.LimitCache;
import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Every limit in memory, so that enforcement never touches the database. Filled at start and changed only by
 * reloads from the database: one subject after a change to it (here, right after the commit, or on another gateway:
 * {@link LimitChangeListener}), everything when the change feed (re)connects and every 60 s as a safety net. Reloads
 * run one at a time in the order they were asked for, so an older read never overwrites a newer one.
 *
 * <p>Only subjects with at least one limit are held; {@link #anyLimits()} is a volatile flag kept by the loader, so
 * a gateway without limits pays one volatile read per request.
 */
@Singleton
public class DbLimitCache implements LimitCache {
    private static final Logger LOG = Logger.getLogger(DbLimitCache.class);

    private final LimitTransactions limits;
    private final ConcurrentHashMap<String, LimitSet> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LimitSet> buckets = new ConcurrentHashMap<>();
    private volatile boolean any;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "stowage-limit-loader");
        t.setDaemon(true);
        return t;
    });

    DbLimitCache(LimitTransactions limits) {
        this.limits = limits;
    }

    @Override
    public LimitSet forUser(String userId) {
        return userId == null ? LimitSet.NONE : users.getOrDefault(userId, LimitSet.NONE);
    }

    @Override
    public LimitSet forBucket(String bucket) {
        return bucket == null ? LimitSet.NONE : buckets.getOrDefault(bucket, LimitSet.NONE);
    }

    @Override
    public boolean anyLimits() {
        return any;
    }

    /** Reloads one subject's limits and returns once the cache shows them. */
    public void refresh(LimitSubject subject) {
        await(loader.submit(() -> loadSubject(subject)), subject.toString());
    }

    /** Reloads one subject's limits soon; for callers that must not block (the notification handler). */
    public void refreshLater(LimitSubject subject) {
        loader.execute(() -> {
            try {
                loadSubject(subject);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not reload the limits of %s; the next full reload will", subject);
            }
        });
    }

    /** Reloads every limit and returns once the cache shows them. */
    public void refreshAll() {
        await(loader.submit(this::loadAll), "every subject");
    }

    /** Reloads every limit soon, without waiting. */
    public void refreshAllLater() {
        loader.execute(() -> {
            try {
                loadAll();
            } catch (RuntimeException e) {
                LOG.warn("Could not reload the limits; the next full reload will", e);
            }
        });
    }

    void loadAtStart(@Observes StartupEvent event) {
        refreshAll();
        LOG.debugf("Limit cache loaded: %d users and %d buckets with limits", users.size(), buckets.size());
    }

    /** The safety net under the notifications: a missed one is repaired within a minute. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadPeriodically() {
        try {
            refreshAll();
        } catch (RuntimeException e) {
            LOG.warn("Periodic reload of the limits failed; keeping the cached ones", e);
        }
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }

    private void loadSubject(LimitSubject subject) {
        put(subject, Blocking.await(() -> limits.read(subject)));
        any = !users.isEmpty() || !buckets.isEmpty();
    }

    private void loadAll() {
        Map<LimitSubject, LimitSet> all = Blocking.await(limits::readAll);
        Set<LimitSubject> gone = new HashSet<>();
        users.keySet().forEach(id -> gone.add(LimitSubject.user(id)));
        buckets.keySet().forEach(name -> gone.add(LimitSubject.bucket(name)));
        all.forEach((subject, set) -> {
            put(subject, set);
            gone.remove(subject);
        });
        gone.forEach(subject -> put(subject, LimitSet.NONE));
        any = !users.isEmpty() || !buckets.isEmpty();
    }

    private void put(LimitSubject subject, LimitSet set) {
        Map<String, LimitSet> map = subject.kind() == LimitSubject.Kind.USER ? users : buckets;
        if (set.isEmpty()) {
            map.remove(subject.id());
        } else {
            map.put(subject.id(), set);
        }
    }

    private static void await(Future<?> load, String what) {
        try {
            load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading the limits of " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot reload the limits of " + what, e.getCause());
        }
    }
}
