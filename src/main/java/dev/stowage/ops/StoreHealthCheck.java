package dev.stowage.ops;

import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness and liveness of the object store: a tiny durable write and delete in this instance's temp directory
 * ({@link ObjectStore#checkWritable}). The result is kept for {@link #TRUST} so frequent probes of several kinds
 * cost one fsync every few seconds; concurrent probes wait for the one running. A store that is gone or read-only
 * (volume lost, full, remounted read-only) fails both: restarting the pod may re-attach the volume.
 */
@Readiness
@Liveness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {
    public static final String NAME = "store";
    static final Duration TRUST = Duration.ofSeconds(3);

    private final ObjectStore store;
    private final InstanceIdentity instance;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Probe last;

    StoreHealthCheck(ObjectStore store, InstanceIdentity instance) {
        this.store = store;
        this.instance = instance;
    }

    @Override
    public HealthCheckResponse call() {
        Probe probe = current();
        var response = HealthCheckResponse.named(NAME).status(probe.failure == null).withData("instance", instance.id());
        if (probe.failure != null) {
            response.withData("error", probe.failure);
        }
        return response.build();
    }

    private Probe current() {
        Probe p = last;
        if (p != null && !p.expired()) {
            return p;
        }
        probing.lock();
        try {
            p = last;
            if (p == null || p.expired()) {
                p = probe();
                last = p;
            }
            return p;
        } finally {
            probing.unlock();
        }
    }

    private Probe probe() {
        try {
            store.checkWritable();
            return new Probe(System.nanoTime(), null);
        } catch (IOException | RuntimeException e) {
            return new Probe(System.nanoTime(), "cannot write to the data directory: " + e);
        }
    }

    /** One probe's outcome: {@code failure} is null when the write succeeded. */
    private record Probe(long atNanos, String failure) {
        boolean expired() {
            return System.nanoTime() - atNanos >= TRUST.toNanos();
        }
    }
}
