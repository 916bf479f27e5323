package dev.stowage.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What pacing response bodies tells {@code /q/metrics}, by the kind of limit (never by user or bucket, so the number
 * of series is fixed):
 * <ul>
 *   <li>{@code stowage_bandwidth_paced_bytes_total{direction="out",limit="user"|"bucket"}}: body bytes that went
 *       through a throttle and counted against a limit of that kind (against both when both apply)</li>
 *   <li>{@code stowage_bandwidth_waits_total{direction="out",limit="user"|"bucket"}}: chunks of a body that had to
 *       wait before being sent, by the limit that set the (longer) wait</li>
 * </ul>
 * Every series exists from the start (at 0).
 */
final class BandwidthMetrics {
    private final Map<LimitSubject.Kind, Counter> pacedBytes = new EnumMap<>(LimitSubject.Kind.class);
    private final Map<LimitSubject.Kind, Counter> waits = new EnumMap<>(LimitSubject.Kind.class);

    BandwidthMetrics(MeterRegistry registry) {
        for (LimitSubject.Kind kind : LimitSubject.Kind.values()) {
            String limit = kind.name().toLowerCase(Locale.ROOT);
            pacedBytes.put(kind, Counter.builder("stowage.bandwidth.paced.bytes")
                    .description("Response body bytes paced by a bandwidth:out limit of this kind")
                    .tag("direction", "out").tag("limit", limit).register(registry));
            waits.put(kind, Counter.builder("stowage.bandwidth.waits")
                    .description("Response body chunks that waited for a bandwidth:out limit of this kind")
                    .tag("direction", "out").tag("limit", limit).register(registry));
        }
    }

    /** Counts {@code bytes} taken from a limit of a kind. */
    void paced(LimitSubject.Kind limit, int bytes) {
        pacedBytes.get(limit).increment(bytes);
    }

    /** Counts one chunk that had to wait for a limit of a kind. */
    void waited(LimitSubject.Kind limit) {
        waits.get(limit).increment();
    }
}
