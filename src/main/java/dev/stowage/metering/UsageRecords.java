package dev.stowage.metering;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.usage.UsageClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage records of the CloudStack dialect and the billing exports, aggregated daily as CloudStack's usage
 * server does (developer's guide 6.4): one record per day, account, bucket and usage type, dated from midnight to
 * 23:59:59 UTC. Traffic and requests go to the user who sent them (the usage key's user); storage to the bucket's
 * owner. Records with nothing to show are left out.
 */
@ApplicationScoped
public class UsageRecords {
    /** Decimal places of the byte-hours of storage records. */
    public static final int BYTE_HOURS_SCALE = 6;
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final Comparator<UsageRecord> ORDER = Comparator.comparing(UsageRecord::start)
            .thenComparing(UsageRecord::accountId)
            .thenComparing(UsageRecord::bucket)
            .thenComparingLong(UsageRecord::epoch)
            .thenComparingInt(r -> r.type().id());

    private final MeteringLedger ledger;
    private final Accounts accounts;

    public UsageRecords(MeteringLedger ledger, Accounts accounts) {
        this.ledger = ledger;
        this.accounts = accounts;
    }

    /** The records of the days {@code from} to {@code to}, both included, in date, account, bucket, type order. */
    public List<UsageRecord> daily(LocalDate from, LocalDate to) {
        Map<String, String> names = new HashMap<>();
        for (UserAccount user : accounts.listUsers()) {
            names.put(user.id(), user.email());
        }
        List<UsageRecord> records = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            records.addAll(day(day, names));
        }
        records.sort(ORDER);
        return records;
    }

    private List<UsageRecord> day(LocalDate day, Map<String, String> names) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant next = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = next.minusSeconds(1);
        // (account, bucket, epoch) -> type -> amount
        Map<Key, Map<UsageType, BigInteger>> sums = new TreeMap<>();
        for (MeteringLedger.Traffic t : ledger.traffic(start, next)) {
            if (t.userId() == null) {
                continue;
            }
            Map<UsageType, BigInteger> row = sums.computeIfAbsent(new Key(t.userId(), t.bucket(), t.epoch()),
                    k -> new EnumMap<>(UsageType.class));
            row.merge(UsageType.NETWORK_BYTES_RECEIVED, BigInteger.valueOf(t.bytesIn()), BigInteger::add);
            row.merge(UsageType.NETWORK_BYTES_SENT, BigInteger.valueOf(t.bytesOut()), BigInteger::add);
            row.merge(UsageType.requests(UsageClass.of(t.action())), BigInteger.valueOf(t.ops()),
                    BigInteger::add);
        }
        Map<Key, BigInteger> storage = new TreeMap<>();
        for (MeteringLedger.ByteSeconds b : ledger.byteSeconds(start, next)) {
            if (b.ownerId() != null) {
                storage.merge(new Key(b.ownerId(), b.bucket(), b.epoch()), b.byteSeconds(), BigInteger::add);
            }
        }
        List<UsageRecord> records = new ArrayList<>();
        sums.forEach((key, row) -> row.forEach((type, amount) -> {
            if (amount.signum() > 0) {
                records.add(record(key, type, new BigDecimal(amount), start, end, names));
            }
        }));
        storage.forEach((key, byteSeconds) -> {
            if (byteSeconds.signum() > 0) {
                records.add(record(key, UsageType.OBJECT_STORAGE, byteHours(byteSeconds), start, end, names));
            }
        });
        return records;
    }

    /** Byte-seconds as byte-hours, to {@value #BYTE_HOURS_SCALE} decimals. */
    public static BigDecimal byteHours(BigInteger byteSeconds) {
        return new BigDecimal(byteSeconds).divide(SECONDS_PER_HOUR, BYTE_HOURS_SCALE, RoundingMode.HALF_EVEN);
    }

    private static UsageRecord record(Key key, UsageType type, BigDecimal raw, Instant start, Instant end,
            Map<String, String> names) {
        return new UsageRecord(key.account, names.getOrDefault(key.account, key.account), key.bucket, key.epoch, type,
                raw, start, end);
    }

    private record Key(String account, String bucket, long epoch) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = account.compareTo(o.account);
            if (c == 0) {
                c = bucket.compareTo(o.bucket);
            }
            return c != 0 ? c : Long.compare(epoch, o.epoch);
        }
    }
}
