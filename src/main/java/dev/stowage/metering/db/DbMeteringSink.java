package dev.stowage.metering.db;

import dev.stowage.db.Blocking;
import dev.stowage.usage.BucketStorage;
import dev.stowage.usage.MeteringBatch;
import dev.stowage.usage.MeteringSink;
import dev.stowage.usage.TrafficCounts;
import dev.stowage.usage.TrafficKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the usage rollup's batches into the metering tables {@link DbMeteringLedger} reads, one transaction per
 * batch: the batch's traffic rows replace whatever rows of the same service id and period were there (a batch sent
 * again changes nothing); every bucket's storage row at the batch's end carries the byte×seconds integral since
 * the bucket's creation (the integral at {@code storageFrom} as the rows so far give it, plus the storage
 * accounting's integral over the batch); buckets whose latest row is not deleted and that no longer exist get a
 * deleted row.
 */
@ApplicationScoped
public class DbMeteringSink implements MeteringSink {
    private static final String DELETE_TRAFFIC = "delete from metering_traffic where service_id = $1 and period_start = $2";

    private static final String INSERT_TRAFFIC = """
            insert into metering_traffic (service_id, period_start, slot_start, bucket, epoch, user_id, action,
                                          owner_id, ops, bytes_in, bytes_out)
            values ($1, $2, $3, $4::text, $5::int8, $6, $7, coalesce($8::text, (select s.owner_id from metering_storage s
                        where s.bucket = $4::text and s.epoch = $5::int8 order by s.slot_start desc limit 1)),
                    $9, $10, $11)""";

    private static final String UPSERT_STORAGE = """
            insert into metering_storage (slot_start, bucket, epoch, owner_id, bytes, objects, byte_seconds, deleted)
            select $1::timestamptz, $2::text, $3::int8, $4::text, $5::int8, $6::int8, coalesce((
                       select m.byte_seconds + m.bytes * extract(epoch from ($7::timestamptz - m.slot_start))::numeric
                       from metering_storage m
                       where m.bucket = $2::text and m.epoch = $3::int8 and m.slot_start <= $7::timestamptz
                       order by m.slot_start desc limit 1), 0) + $8::int8, false
            on conflict (bucket, epoch, slot_start) do update
                set owner_id = excluded.owner_id, bytes = excluded.bytes, objects = excluded.objects,
                    byte_seconds = excluded.byte_seconds, deleted = false""";

    private static final String MARK_DELETED = """
            insert into metering_storage (slot_start, bucket, epoch, owner_id, bytes, objects, byte_seconds, deleted)
            select $1::timestamptz, l.bucket, l.epoch, l.owner_id, 0, 0,
                   l.byte_seconds + l.bytes * extract(epoch from ($1::timestamptz - l.slot_start))::numeric, true
            from (select distinct on (bucket, epoch) bucket, epoch, owner_id, bytes, byte_seconds, slot_start, deleted
                  from metering_storage where slot_start <= $1::timestamptz
                  order by bucket, epoch, slot_start desc) l
            where not l.deleted
              and (l.bucket, l.epoch) not in (select * from unnest($2::text[], $3::int8[]))
            on conflict (bucket, epoch, slot_start) do nothing""";

    private final Pool pool;

    DbMeteringSink(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void write(MeteringBatch batch) {
        OffsetDateTime period = time(batch.periodStart());
        Map<String, String> owners = new HashMap<>();
        batch.buckets().forEach(b -> owners.put(b.name() + "\t" + b.epoch(), b.ownerId()));
        List<Tuple> traffic = new ArrayList<>();
        for (Map.Entry<TrafficKey, TrafficCounts> e : batch.traffic().entrySet()) {
            TrafficKey k = e.getKey();
            TrafficCounts c = e.getValue();
            traffic.add(Tuple.tuple().addString(batch.serviceId()).addOffsetDateTime(period)
                    .addOffsetDateTime(time(k.slot())).addString(k.key().bucket()).addLong(k.key().epoch())
                    .addString(k.key().userId()).addString(k.action())
                    .addString(owners.get(k.key().bucket() + "\t" + k.key().epoch()))
                    .addLong(c.ops()).addLong(c.bytesIn()).addLong(c.bytesOut()));
        }
        List<Tuple> storage = new ArrayList<>();
        for (BucketStorage s : batch.storage()) {
            storage.add(Tuple.tuple().addOffsetDateTime(time(batch.storageAt())).addString(s.bucket())
                    .addLong(s.epoch()).addString(s.ownerId()).addLong(s.current()).addLong(s.objects())
                    .addOffsetDateTime(time(batch.storageFrom())).addLong(s.hIntegral()));
        }
        Tuple existing = Tuple.of(time(batch.storageAt()),
                batch.buckets().stream().map(MeteringBatch.Bucket::name).toArray(String[]::new),
                batch.buckets().stream().map(MeteringBatch.Bucket::epoch).toArray(Long[]::new));
        Blocking.await(() -> pool.withTransaction(conn -> conn.preparedQuery(DELETE_TRAFFIC)
                .execute(Tuple.of(batch.serviceId(), period))
                .flatMap(r -> batch(conn, INSERT_TRAFFIC, traffic))
                .flatMap(r -> batch.hasStorage() ? batch(conn, UPSERT_STORAGE, storage) : Uni.createFrom().voidItem())
                .flatMap(r -> batch.hasStorage()
                        ? conn.preparedQuery(MARK_DELETED).execute(existing).replaceWithVoid()
                        : Uni.createFrom().voidItem())));
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    private static OffsetDateTime time(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }
}
