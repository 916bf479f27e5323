package dev.stowage.accounts.db;

import dev.stowage.db.Blocking;

import dev.stowage.accounts.UserAccount;
import dev.stowage.accounts.UserState;
import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Every access key in memory, so that {@link #find} never touches the database (it runs for every S3 request).
 * The cache is filled at start and changed only by reloads from the database — one user's keys after a change
 * to that user (here, or on another gateway: {@link AccountChangeListener}), everything when the change feed
 * (re)connects and every 60 s as a safety net. Reloads run one at a time in the order they were asked for, so an
 * older read never overwrites a newer one.
 */
@Singleton
@Typed(DbCredentialStore.class)
public class DbCredentialStore implements CredentialStore {
    private static final Logger LOG = Logger.getLogger(DbCredentialStore.class);

    private final AccountTransactions accounts;
    private final ConcurrentHashMap<String, Credential> byKey = new ConcurrentHashMap<>();
    /** The key ids cached per user; changed by the loader thread only. */
    private final Map<String, Set<String>> keysByUser = new HashMap<>();
    private final ExecutorService loader = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "stowage-credential-loader");
        t.setDaemon(true);
        return t;
    });

    DbCredentialStore(AccountTransactions accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Credential> find(String accessKeyId) {
        return Optional.ofNullable(byKey.get(accessKeyId));
    }

    /** Reloads one user's keys and returns once the cache shows them (or shows them gone). */
    public void refresh(String userId) {
        await(loader.submit(() -> loadUser(userId)), "user " + userId);
    }

    /** Reloads one user's keys soon; for callers that must not block (the notification handler). */
    public void refreshLater(String userId) {
        loader.execute(() -> {
            try {
                loadUser(userId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not reload the access keys of user %s; the next full reload will", userId);
            }
        });
    }

    /** Reloads every key and returns once the cache shows them. */
    public void refreshAll() {
        await(loader.submit(this::loadAll), "all users");
    }

    /** Reloads every key soon, without waiting. */
    public void refreshAllLater() {
        loader.execute(() -> {
            try {
                loadAll();
            } catch (RuntimeException e) {
                LOG.warn("Could not reload the access keys; the next full reload will", e);
            }
        });
    }

    void loadAtStart(@Observes StartupEvent event) {
        refreshAll();
        LOG.debugf("Credential cache loaded: %d access keys", byKey.size());
    }

    /** The safety net under the notifications: a missed one is repaired within a minute. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadPeriodically() {
        try {
            refreshAll();
        } catch (RuntimeException e) {
            LOG.warn("Periodic reload of the access keys failed; keeping the cached ones", e);
        }
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }

    private void loadUser(String userId) {
        Optional<UserAccount> user = Blocking.await(() -> accounts.findById(userId));
        replace(userId, user.map(DbCredentialStore::credentials).orElse(List.of()));
    }

    private void loadAll() {
        List<UserAccount> users = Blocking.await(accounts::listUsers);
        Set<String> gone = new HashSet<>(keysByUser.keySet());
        for (UserAccount user : users) {
            replace(user.id(), credentials(user));
            gone.remove(user.id());
        }
        gone.forEach(userId -> replace(userId, List.of()));
    }

    /** Puts the user's current keys first, then drops the ones that no longer exist: a valid key never blinks. */
    private void replace(String userId, List<Credential> current) {
        Set<String> ids = new HashSet<>();
        for (Credential c : current) {
            byKey.put(c.accessKeyId(), c);
            ids.add(c.accessKeyId());
        }
        Set<String> before = keysByUser.getOrDefault(userId, Set.of());
        for (String old : before) {
            if (!ids.contains(old)) {
                byKey.remove(old);
            }
        }
        if (ids.isEmpty()) {
            keysByUser.remove(userId);
        } else {
            keysByUser.put(userId, ids);
        }
    }

    static List<Credential> credentials(UserAccount user) {
        List<Credential> list = new ArrayList<>(user.keys().size());
        user.keys().forEach(k -> list.add(new Credential(k.accessKeyId(), k.secretAccessKey(), user.id(),
                user.displayName(), user.system(), user.state() == UserState.ENABLED)));
        return list;
    }

    private static void await(Future<?> load, String what) {
        try {
            load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading the access keys of " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot reload the access keys of " + what, e.getCause());
        }
    }
}
