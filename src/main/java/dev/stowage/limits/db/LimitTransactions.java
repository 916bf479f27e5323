package dev.stowage.limits.db;

import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.limits.LimitKey;
import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import dev.stowage.limits.NoSuchLimitBucketException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The limit operations as reactive transactions on the accounts database (the reactive pool Hibernate Reactive
 * uses too), one per method. Refusals fail the returned {@link Uni} with the account error that says why; the
 * transaction rolls back. The subject's row ({@code users} or {@code buckets}) is share-locked while its limits
 * change, so a limit is never written for a user or bucket being deleted at that moment. The schema's trigger
 * notifies {@code stowage_limits} on commit.
 */
@ApplicationScoped
public class LimitTransactions {
    private static final String SELECT_SUBJECT = """
            select limit_key, value::float8 as value from limits where subject_kind = $1 and subject_id = $2""";

    private static final Pattern USER_ID = Pattern.compile("[0-9a-f]{16}");

    private final Pool pool;

    LimitTransactions(Pool pool) {
        this.pool = pool;
    }

    public Uni<LimitSet> get(LimitSubject subject) {
        return pool.withTransaction(conn -> lockSubject(conn, subject).flatMap(v -> select(conn, subject)));
    }

    /** Sets one limit (a value of 0 removes it) and answers every limit of the subject. */
    public Uni<LimitSet> set(LimitSubject subject, LimitKey key, double value) {
        Tuple row = Tuple.of(LimitRows.kind(subject.kind()), subject.id(), key.wireName());
        return pool.withTransaction(conn -> lockSubject(conn, subject).flatMap(v -> {
            if (value > 0) {
                return conn.preparedQuery("""
                                insert into limits (subject_kind, subject_id, limit_key, value)
                                values ($1, $2, $3, $4::text::numeric)
                                on conflict (subject_kind, subject_id, limit_key)
                                do update set value = excluded.value, updated_at = now()""")
                        .execute(row.addString(BigDecimal.valueOf(value).toPlainString()));
            }
            return conn.preparedQuery("delete from limits where subject_kind = $1 and subject_id = $2 and limit_key = $3")
                    .execute(row);
        }).flatMap(done -> select(conn, subject)));
    }

    /** Removes every limit of the subject. */
    public Uni<LimitSet> reset(LimitSubject subject) {
        return pool.withTransaction(conn -> lockSubject(conn, subject)
                .flatMap(v -> conn.preparedQuery("delete from limits where subject_kind = $1 and subject_id = $2")
                        .execute(Tuple.of(LimitRows.kind(subject.kind()), subject.id())))
                .map(done -> LimitSet.NONE));
    }

    /** The limits of one subject, without checking that it exists (for the cache). */
    public Uni<LimitSet> read(LimitSubject subject) {
        return pool.withConnection(conn -> select(conn, subject));
    }

    /** Every subject that has a limit. */
    public Uni<Map<LimitSubject, LimitSet>> readAll() {
        return pool.query("select subject_kind, subject_id, limit_key, value::float8 as value from limits")
                .execute()
                .map(rows -> {
                    Map<LimitSubject, Map<LimitKey, Double>> values = new HashMap<>();
                    for (Row row : rows) {
                        LimitSubject subject = new LimitSubject(LimitRows.kind(row.getString("subject_kind")),
                                row.getString("subject_id"));
                        LimitRows.add(values.computeIfAbsent(subject, s -> LimitRows.empty()), row);
                    }
                    Map<LimitSubject, LimitSet> sets = new HashMap<>();
                    values.forEach((s, v) -> sets.put(s, LimitRows.set(v)));
                    return sets;
                });
    }

    private static Uni<LimitSet> select(SqlClient conn, LimitSubject subject) {
        return conn.preparedQuery(SELECT_SUBJECT)
                .execute(Tuple.of(LimitRows.kind(subject.kind()), subject.id()))
                .map(LimitTransactions::toSet);
    }

    private static LimitSet toSet(RowSet<Row> rows) {
        Map<LimitKey, Double> values = LimitRows.empty();
        for (Row row : rows) {
            LimitRows.add(values, row);
        }
        return LimitRows.set(values);
    }

    /** Share-locks the user's or bucket's row, or fails with the error that says it does not exist. */
    private static Uni<Void> lockSubject(SqlClient conn, LimitSubject subject) {
        if (subject.kind() == LimitSubject.Kind.USER && !USER_ID.matcher(subject.id()).matches()) {
            return Uni.createFrom().failure(noSuchUser(subject));
        }
        String sql = subject.kind() == LimitSubject.Kind.USER
                ? "select 1 from users where id = $1 for share"
                : "select 1 from buckets where name = $1 for share";
        return conn.preparedQuery(sql).execute(Tuple.of(subject.id())).flatMap(rows -> rows.size() > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(subject.kind() == LimitSubject.Kind.USER
                        ? noSuchUser(subject)
                        : new NoSuchLimitBucketException("No bucket named " + subject.id() + ".")));
    }

    private static NoSuchUserException noSuchUser(LimitSubject subject) {
        return new NoSuchUserException("No user with the id " + subject.id() + ".");
    }
}
