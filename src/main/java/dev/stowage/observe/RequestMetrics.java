package dev.stowage.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Every finished request in {@code /q/metrics}, tagged only by things of a fixed, small range (the S3 action or
 * ostor service, the HTTP status, the error code) — never by bucket, key or user, so the number of series stays
 * bounded whoever sends what:
 * <ul>
 *   <li>{@code stowage_requests_total{action,status}}</li>
 *   <li>{@code stowage_request_duration_seconds{action}}: a histogram (buckets from 1 ms to 2 min), head to last byte</li>
 *   <li>{@code stowage_received_bytes_total{action}}, {@code stowage_sent_bytes_total{action}}: body bytes</li>
 *   <li>{@code stowage_errors_total{code}}: error answers by S3 / ostor error code</li>
 *   <li>{@code stowage_slowdown_refusals_total{action}}: requests refused with 503 SlowDown (over a rate limit)</li>
 *   <li>{@code stowage_store_errors_total{action}}: requests answered 500 InternalError (a store or database
 *       failure, logged with its request id)</li>
 * </ul>
 * Meters are made once per action (and status, code) and kept: a request costs a few map lookups and increments.
 */
@Singleton
public class RequestMetrics implements RequestObserver {
    /** What requests that could not be parsed into an action are counted as. */
    static final String UNKNOWN_ACTION = "unknown";
    static final String SLOW_DOWN = "SlowDown";
    static final String INTERNAL_ERROR = "InternalError";
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;
    private final ConcurrentMap<String, ActionMeters> actions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(RequestRecord record) {
        String action = record.action() == null ? UNKNOWN_ACTION : record.action();
        ActionMeters meters = actions.computeIfAbsent(action, ActionMeters::new);
        meters.requests(record.status()).increment();
        meters.duration.record(record.durationNanos(), TimeUnit.NANOSECONDS);
        if (record.bytesIn() > 0) {
            meters.received.increment(record.bytesIn());
        }
        if (record.bytesOut() > 0) {
            meters.sent.increment(record.bytesOut());
        }
        String code = record.errorCode();
        if (code != null) {
            errors.computeIfAbsent(code, c -> Counter.builder("stowage.errors").description("Error answers by error code")
                    .tag("code", c).register(registry)).increment();
            if (SLOW_DOWN.equals(code)) {
                meters.slowDowns.increment();
            } else if (INTERNAL_ERROR.equals(code)) {
                meters.storeErrors.increment();
            }
        }
    }

    /** The meters of one action. */
    private final class ActionMeters {
        private final String action;
        private final ConcurrentMap<Integer, Counter> byStatus = new ConcurrentHashMap<>();
        private final Timer duration;
        private final Counter received;
        private final Counter sent;
        private final Counter slowDowns;
        private final Counter storeErrors;

        ActionMeters(String action) {
            this.action = action;
            duration = Timer.builder("stowage.request.duration").description("Request latency, head to last byte")
                    .tag("action", action).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
            received = counter("stowage.received.bytes", "Request body bytes read");
            sent = counter("stowage.sent.bytes", "Response body bytes sent");
            slowDowns = counter("stowage.slowdown.refusals", "Requests refused with 503 SlowDown (over a rate limit)");
            storeErrors = counter("stowage.store.errors", "Requests answered 500 InternalError");
        }

        Counter requests(int status) {
            return byStatus.computeIfAbsent(status, s -> Counter.builder("stowage.requests").description("Finished requests")
                    .tag("action", action).tag("status", Integer.toString(s)).register(registry));
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).description(description).tag("action", action).register(registry);
        }
    }
}
