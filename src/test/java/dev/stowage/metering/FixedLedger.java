package dev.stowage.metering;

import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ledger of known data for the surface tests: traffic per slot, storage snapshots, and byte-seconds computed from
 * those snapshots the way the database ledger does (latest snapshot at or before an instant, extended by its bytes).
 * Enabled only by {@link Profile} (tests of the surfaces' shapes); every other test reads the real ledger.
 */
@Alternative
@ApplicationScoped
public class FixedLedger implements MeteringLedger {
    /** The test profile that replaces the database ledger with this one. */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedLedger.class);
        }
    }

    /** Traffic of one slot. */
    public record Slot(Instant slot, Traffic traffic) {}

    /** A storage snapshot at an instant, with the integral since creation. */
    public record Snapshot(Instant at, Storage storage, BigInteger integral) {}

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();

    public void reset() {
        slots.clear();
        snapshots.clear();
    }

    public void add(Instant slot, Traffic traffic) {
        slots.add(new Slot(slot, traffic));
    }

    public void snapshot(Instant at, Storage storage, BigInteger integral) {
        snapshots.add(new Snapshot(at, storage, integral));
    }

    @Override
    public List<Traffic> traffic(Instant from, Instant to) {
        Map<List<Object>, Traffic> sums = new java.util.LinkedHashMap<>();
        for (Slot s : slots) {
            if (s.slot.isBefore(from) || !s.slot.isBefore(to)) {
                continue;
            }
            Traffic t = s.traffic;
            sums.merge(List.of(t.bucket(), t.epoch(), t.userId(), t.action()), t, (a, b) -> new Traffic(a.bucket(),
                    a.epoch(), a.ownerId(), a.userId(), a.action(), a.ops() + b.ops(), a.bytesIn() + b.bytesIn(),
                    a.bytesOut() + b.bytesOut()));
        }
        return new ArrayList<>(sums.values());
    }

    @Override
    public List<Storage> storageAt(Instant at) {
        List<Storage> out = new ArrayList<>();
        for (Snapshot s : latest(at).values()) {
            out.add(s.storage);
        }
        return out;
    }

    @Override
    public List<ByteSeconds> byteSeconds(Instant from, Instant to) {
        Map<List<Object>, Snapshot> atTo = latest(to);
        Map<List<Object>, Snapshot> atFrom = latest(from);
        List<ByteSeconds> out = new ArrayList<>();
        atTo.forEach((key, s) -> {
            BigInteger end = integral(s, to);
            Snapshot f = atFrom.get(key);
            BigInteger value = end.subtract(f == null ? BigInteger.ZERO : integral(f, from));
            if (value.signum() > 0) {
                out.add(new ByteSeconds(s.storage.bucket(), s.storage.epoch(), s.storage.ownerId(), value));
            }
        });
        return out;
    }

    private static BigInteger integral(Snapshot s, Instant t) {
        return s.integral.add(BigInteger.valueOf(s.storage.bytes())
                .multiply(BigInteger.valueOf(t.getEpochSecond() - s.at.getEpochSecond())));
    }

    private Map<List<Object>, Snapshot> latest(Instant at) {
        Map<List<Object>, Snapshot> latest = new java.util.LinkedHashMap<>();
        for (Snapshot s : snapshots) {
            if (s.at.isAfter(at)) {
                continue;
            }
            List<Object> key = List.of(s.storage.bucket(), s.storage.epoch());
            Snapshot old = latest.get(key);
            if (old == null || s.at.isAfter(old.at)) {
                latest.put(key, s);
            }
        }
        return latest;
    }
}
