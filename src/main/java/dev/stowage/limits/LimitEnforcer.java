package dev.stowage.limits;

import dev.stowage.config.StowageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Enforces the cached limits on every S3 request, after authorization and before the handler does any work.
 *
 * <p>ops limits: one token bucket ({@link RateMeter}) per subject and {@link RequestClass}, holding one second's
 * worth of requests. The user's limit (the signer's) and the bucket's limit (the addressed bucket's, whoever signs)
 * are both checked when both are set; the class's own limit applies, else {@code ops:default}. A refused request
 * takes nothing from either bucket, so it does not count against the rate (a client that waits as {@code Retry-After}
 * says gets through, one that hammers is refused while it does).
 *
 * <p>bandwidth:out: a byte-rate bucket per subject, shared by all that subject's responses, paces response bodies
 * through the {@link BodyThrottle} returned with the admission (1 KB = 1024 bytes); the paced bytes and the waits
 * show in {@code /q/metrics} ({@link BandwidthMetrics}).
 *
 * <p>Rates are kept per gateway process: each enforces its share {@code limit / stowage.limits.replicas}. When no
 * limit is set anywhere, {@link #admit} is one volatile read. Meters that have been full for
 * {@value #IDLE_SECONDS} s behave exactly like new ones and are dropped, so memory follows the active subjects.
 */
@ApplicationScoped
public class LimitEnforcer {
    static final long IDLE_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(LimitEnforcer.class);
    /** The meter slot of bandwidth:out, after the request classes'. */
    private static final int BANDWIDTH = RequestClass.values().length;

    private final LimitCache cache;
    private final double replicas;
    private final LongSupplier clock;
    private final BodyThrottle.Pacing pacing;
    private final ConcurrentHashMap<MeterKey, RateMeter> meters = new ConcurrentHashMap<>();

    @Inject
    public LimitEnforcer(LimitCache cache, StowageConfig config, MeterRegistry registry) {
        this(cache, config.limits().replicas(), System::nanoTime, BodyThrottle.PARK, registry);
    }

    /** With a clock of its own (nanoseconds, as {@link System#nanoTime}) and meters nobody reads, for tests. */
    LimitEnforcer(LimitCache cache, int replicas, LongSupplier clock) {
        this(cache, replicas, clock, BodyThrottle.PARK, new SimpleMeterRegistry());
    }

    /** With a clock of its own and a way to wait that may move it, for tests. */
    LimitEnforcer(LimitCache cache, int replicas, LongSupplier clock, BodyThrottle.Parker parker,
            MeterRegistry registry) {
        this.cache = cache;
        this.clock = clock;
        this.pacing = new BodyThrottle.Pacing(clock, parker, new BandwidthMetrics(registry));
        if (replicas < 1) {
            LOG.warnf("stowage.limits.replicas is %d; using 1", replicas);
        }
        this.replicas = Math.max(1, replicas);
    }

    /**
     * Admits a request of a class, signed by {@code userId} (null when anonymous) for {@code bucket} (null when it
     * addresses none), or refuses it with {@link RequestRateExceededException}. Answers how to pace the response
     * body, or null when no bandwidth limit applies.
     */
    public BodyThrottle admit(RequestClass requestClass, String userId, String bucket) {
        if (!cache.anyLimits()) {
            return null;
        }
        LimitSet userLimits = cache.forUser(userId);
        LimitSet bucketLimits = cache.forBucket(bucket);
        if (userLimits.isEmpty() && bucketLimits.isEmpty()) {
            return null;
        }
        long now = clock.getAsLong();
        RateMeter user = meter(LimitSubject.Kind.USER, userId, requestClass.ordinal(), requestClass.rate(userLimits), now);
        RateMeter onBucket = meter(LimitSubject.Kind.BUCKET, bucket, requestClass.ordinal(),
                requestClass.rate(bucketLimits), now);
        if (user != null) {
            long wait = user.tryAcquire(now);
            if (wait > 0) {
                throw new RequestRateExceededException(LimitSubject.user(userId), requestClass, wait);
            }
        }
        if (onBucket != null) {
            long wait = onBucket.tryAcquire(now);
            if (wait > 0) {
                if (user != null) {
                    user.release();
                }
                throw new RequestRateExceededException(LimitSubject.bucket(bucket), requestClass, wait);
            }
        }
        return throttle(userId, userLimits, bucket, bucketLimits, now);
    }

    private BodyThrottle throttle(String userId, LimitSet userLimits, String bucket, LimitSet bucketLimits, long now) {
        RateMeter user = meter(LimitSubject.Kind.USER, userId, BANDWIDTH, bytesPerSecond(userLimits), now);
        RateMeter onBucket = meter(LimitSubject.Kind.BUCKET, bucket, BANDWIDTH, bytesPerSecond(bucketLimits), now);
        if (user == null && onBucket == null) {
            return null;
        }
        return new BodyThrottle(user, onBucket, pacing);
    }

    private static double bytesPerSecond(LimitSet limits) {
        return limits.get(LimitKey.BANDWIDTH_OUT) * 1024;
    }

    /** The subject's meter for a slot at a limit's rate (divided among replicas); null when unlimited. */
    private RateMeter meter(LimitSubject.Kind kind, String id, int slot, double limit, long now) {
        if (id == null || !(limit > 0)) {
            return null;
        }
        double rate = limit / replicas;
        MeterKey key = new MeterKey(kind, id, slot);
        RateMeter meter = meters.get(key);
        if (meter == null || meter.rate != rate) {
            // a new limit starts a new, full bucket
            meter = meters.compute(key, (k, old) -> old != null && old.rate == rate ? old : new RateMeter(rate, now));
        }
        return meter;
    }

    /** Drops the meters that have been full for a while; they would behave exactly like new ones. */
    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropIdleMeters() {
        try {
            long now = clock.getAsLong();
            long idle = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
            meters.values().removeIf(meter -> meter.idleSince(now, idle));
        } catch (RuntimeException e) {
            LOG.warn("Dropping idle limit meters failed; trying again in a minute", e);
        }
    }

    /** How many meters are held (for tests and diagnostics). */
    int meterCount() {
        return meters.size();
    }

    private record MeterKey(LimitSubject.Kind kind, String id, int slot) {}
}
