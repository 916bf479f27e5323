package dev.stowage.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway's background jobs tell {@code /q/metrics}. A job calls {@link #jobRun} once per run; for a job
 * {@code rollup} Prometheus then shows {@code stowage_rollup_runs_total{outcome="success"|"failure"|"skipped"}},
 * {@code stowage_rollup_duration_seconds} (count, sum, max) and
 * {@code stowage_rollup_last_success_timestamp_seconds}. Every series exists from the start (at 0), so an alert on
 * "no successful export for a day" works before the first run. Jobs and outcomes are enums: the number of series
 * is fixed.
 */
@Singleton
public class Metrics {

    /** The jobs that report runs. The name is the metric's middle part. */
    public enum Job {
        /** Usage counters written from memory to the database. */
        USAGE_FLUSH("usage_flush"),
        /** Usage records rolled up into usage objects / periods. */
        ROLLUP("rollup"),
        /** Billing exports written for the provider's billing system. */
        EXPORT("export");

        private final String metricName;

        Job(String metricName) {
            this.metricName = metricName;
        }

        public String metricName() {
            return metricName;
        }
    }

    /** How one run ended. */
    public enum Outcome {
        /** Did its work. */
        SUCCESS,
        /** Failed (logged by the job); the next run tries again. */
        FAILURE,
        /** Had nothing to do or was not this replica's turn (another holds the job's lock). */
        SKIPPED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Job, JobMeters> jobs = new EnumMap<>(Job.class);

    Metrics(MeterRegistry registry) {
        for (Job job : Job.values()) {
            jobs.put(job, new JobMeters(registry, job));
        }
    }

    /** Counts one run of {@code job} that ended with {@code outcome} after {@code took}. */
    public void jobRun(Job job, Outcome outcome, Duration took) {
        jobs.get(job).record(outcome, took);
    }

    /** The meters of one job. */
    private static final class JobMeters {
        private final Map<Outcome, Counter> runs = new EnumMap<>(Outcome.class);
        private final Timer duration;
        private final AtomicLong lastSuccessMillis = new AtomicLong();

        JobMeters(MeterRegistry registry, Job job) {
            String prefix = "stowage." + job.metricName() + ".";
            for (Outcome outcome : Outcome.values()) {
                runs.put(outcome, Counter.builder(prefix + "runs").description("Runs of the " + job.metricName() + " job")
                        .tag("outcome", outcome.tag()).register(registry));
            }
            duration = Timer.builder(prefix + "duration").description("How long runs of the " + job.metricName()
                    + " job took").register(registry);
            Gauge.builder(prefix + "last.success.timestamp", lastSuccessMillis, ms -> ms.get() / 1000.0)
                    .description("When the " + job.metricName() + " job last succeeded (seconds since the epoch; 0: never)")
                    .baseUnit("seconds").register(registry);
        }

        void record(Outcome outcome, Duration took) {
            runs.get(outcome).increment();
            if (outcome != Outcome.SKIPPED) {
                duration.record(took);
            }
            if (outcome == Outcome.SUCCESS) {
                lastSuccessMillis.set(System.currentTimeMillis());
            }
        }
    }
}
