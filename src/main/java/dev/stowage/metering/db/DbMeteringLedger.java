package dev.stowage.metering.db;

import dev.stowage.db.Blocking;
import dev.stowage.metering.MeteringLedger;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MeteringLedger} on the metering tables the usage rollup writes ({@code metering_traffic},
 * {@code metering_storage}; see {@code V7__metering.sql}). Sums are taken over every gateway replica's rows.
 */
@ApplicationScoped
public class DbMeteringLedger implements MeteringLedger {
    private static final String TRAFFIC = """
            select bucket, epoch, max(owner_id) as owner_id, user_id, action, sum(ops)::int8 as ops,
                   sum(bytes_in)::int8 as bytes_in, sum(bytes_out)::int8 as bytes_out
            from metering_traffic where slot_start >= $1 and slot_start < $2
            group by bucket, epoch, user_id, action
            order by bucket, epoch, user_id, action""";

    private static final String STORAGE_AT = """
            select bucket, epoch, owner_id, bytes, objects from (
                select distinct on (bucket, epoch) bucket, epoch, owner_id, bytes, objects, deleted
                from metering_storage where slot_start <= $1 order by bucket, epoch, slot_start desc) latest
            where not deleted
            order by bucket, epoch""";

    /** The integral at t: the latest row's integral plus its bytes for the seconds since (0 before any row). */
    private static final String BYTE_SECONDS = """
            with at_to as (
                select distinct on (bucket, epoch) bucket, epoch, owner_id,
                       byte_seconds + bytes * extract(epoch from ($2 - slot_start))::numeric as integral
                from metering_storage where slot_start <= $2 order by bucket, epoch, slot_start desc),
            at_from as (
                select distinct on (bucket, epoch) bucket, epoch,
                       byte_seconds + bytes * extract(epoch from ($1 - slot_start))::numeric as integral
                from metering_storage where slot_start <= $1 order by bucket, epoch, slot_start desc)
            select at_to.bucket, at_to.epoch, at_to.owner_id,
                   (at_to.integral - coalesce(at_from.integral, 0))::text as byte_seconds
            from at_to left join at_from using (bucket, epoch)
            where at_to.integral - coalesce(at_from.integral, 0) > 0
            order by at_to.bucket, at_to.epoch""";

    private final Pool pool;

    DbMeteringLedger(Pool pool) {
        this.pool = pool;
    }

    @Override
    public List<Traffic> traffic(Instant from, Instant to) {
        return Blocking.await(() -> pool.preparedQuery(TRAFFIC).execute(Tuple.of(time(from), time(to))).map(rows -> {
            List<Traffic> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Traffic(r.getString("bucket"), r.getLong("epoch"), r.getString("owner_id"),
                        r.getString("user_id"), r.getString("action"), r.getLong("ops"), r.getLong("bytes_in"),
                        r.getLong("bytes_out")));
            }
            return out;
        }));
    }

    @Override
    public List<Storage> storageAt(Instant at) {
        return Blocking.await(() -> pool.preparedQuery(STORAGE_AT).execute(Tuple.of(time(at))).map(rows -> {
            List<Storage> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Storage(r.getString("bucket"), r.getLong("epoch"), r.getString("owner_id"),
                        r.getLong("bytes"), r.getLong("objects")));
            }
            return out;
        }));
    }

    @Override
    public List<ByteSeconds> byteSeconds(Instant from, Instant to) {
        return Blocking.await(() -> pool.preparedQuery(BYTE_SECONDS).execute(Tuple.of(time(from), time(to)))
                .map(rows -> {
                    List<ByteSeconds> out = new ArrayList<>();
                    for (Row r : rows) {
                        BigInteger integral = new BigDecimal(r.getString("byte_seconds")).toBigInteger();
                        out.add(new ByteSeconds(r.getString("bucket"), r.getLong("epoch"), r.getString("owner_id"),
                                integral));
                    }
                    return out;
                }));
    }

    static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
