package dev.stowage.metering.billing;

import dev.stowage.db.Blocking;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * Elects the one replica that exports a period: a row of {@code billing_exports} per day, claimed with a lease
 * in one atomic upsert. A claim succeeds when nobody holds an unexpired lease and (unless forced) the period is not
 * done yet; a replica that dies mid-export leaves a lease that expires, after which another may claim it.
 */
@ApplicationScoped
public class ExportLease {
    /** How long a claim lasts; an export of one day takes far less. */
    static final int LEASE_SECONDS = 3600;

    private static final String CLAIM = """
            insert into billing_exports (period_start, state, runner, lease_until, attempts)
            values ($1, 'running', $2, now() + make_interval(secs => $3), 1)
            on conflict (period_start) do update
                set state = 'running', runner = excluded.runner, lease_until = excluded.lease_until,
                    attempts = billing_exports.attempts + 1, last_error = null
                where (billing_exports.state <> 'running' or billing_exports.lease_until < now())
                  and ($4 or billing_exports.state <> 'done')
            returning runner""";

    /** What a claim found. */
    public enum Claim {
        CLAIMED,
        ALREADY_DONE,
        RUNNING_ELSEWHERE
    }

    private final Pool pool;

    ExportLease(Pool pool) {
        this.pool = pool;
    }

    public Claim claim(LocalDate day, String runner, boolean force) {
        RowSet<Row> claimed = Blocking.await(() -> pool.preparedQuery(CLAIM)
                .execute(Tuple.of(day, runner, LEASE_SECONDS, force)));
        if (claimed.size() > 0) {
            return Claim.CLAIMED;
        }
        RowSet<Row> state = Blocking.await(() -> pool.preparedQuery(
                "select state from billing_exports where period_start = $1").execute(Tuple.of(day)));
        boolean done = state.size() > 0 && "done".equals(state.iterator().next().getString("state"));
        return done ? Claim.ALREADY_DONE : Claim.RUNNING_ELSEWHERE;
    }

    public void done(LocalDate day, String runner) {
        Blocking.await(() -> pool.preparedQuery("""
                update billing_exports set state = 'done', finished_at = now(), lease_until = now()
                where period_start = $1 and runner = $2""").execute(Tuple.of(day, runner)));
    }

    public void failed(LocalDate day, String runner, String error) {
        Blocking.await(() -> pool.preparedQuery("""
                update billing_exports set state = 'failed', lease_until = now(), last_error = $3
                where period_start = $1 and runner = $2""").execute(Tuple.of(day, runner, error)));
    }
}
