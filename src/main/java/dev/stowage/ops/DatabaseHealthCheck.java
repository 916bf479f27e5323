package dev.stowage.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the accounts database: {@code SELECT 1} through the reactive pool the gateway uses, failing after
 * {@link #TIMEOUT}. Not a liveness check: restarting the gateway does not bring a database back, and requests keep
 * being served from the cached credentials and limits meanwhile.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements AsyncHealthCheck {
    public static final String NAME = "database";
    /** Well under the probes' own timeout in the Kubernetes manifests (5 s). */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Pool pool;

    DatabaseHealthCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(TIMEOUT).failWith(() -> new TimeoutException("no answer within " + TIMEOUT.toMillis() + " ms"))
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
