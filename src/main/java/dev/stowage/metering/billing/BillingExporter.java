package dev.stowage.metering.billing;

import dev.stowage.config.StowageConfig;
import dev.stowage.metering.UsageRecord;
import dev.stowage.metering.UsageRecords;
import dev.stowage.ops.Metrics;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.fs.DurableFiles;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The billing exports: each day's usage records (the same as {@code listUsageRecords} answers) as CSV and JSON
 * Lines, written to the configured bucket of this gateway and/or directory under names fixed by the day
 * ({@link UsageRecordFormat#fileName}), so a rerun replaces the files. The scheduled run exports the day before,
 * once across all replicas ({@link ExportLease}); a failure is logged and retried.
 */
@ApplicationScoped
public class BillingExporter {
    private static final Logger LOG = Logger.getLogger(BillingExporter.class);

    private final UsageRecords records;
    /** Export runs for /q/metrics ({@code stowage_export_runs_total}). */
    private final Metrics metrics;
    private final ObjectStore store;
    private final ExportLease lease;
    private final StowageConfig.Billing config;
    private final Clock clock = Clock.systemUTC();
    private final String runner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    /** Where the files go; either may be absent. */
    public record Destinations(Optional<String> bucket, String prefix, Optional<Path> directory) {
        public boolean none() {
            return bucket.isEmpty() && directory.isEmpty();
        }
    }

    /** What an export did. */
    public enum Outcome {
        EXPORTED,
        ALREADY_DONE,
        RUNNING_ELSEWHERE,
        NO_DESTINATION
    }

    /** An export's result: the day, what happened, how many records, the files written. */
    public record Result(LocalDate day, Outcome outcome, int records, List<String> files) {}

    public BillingExporter(UsageRecords records, ObjectStore store, ExportLease lease, StowageConfig config,
            Metrics metrics) {
        this.metrics = metrics;
        this.records = records;
        this.store = store;
        this.lease = lease;
        this.config = config.billing();
    }

    /** The configured destinations. */
    public Destinations destinations() {
        return new Destinations(config.exportBucket(), config.exportPrefix(), config.exportDir().map(Path::of));
    }

    @Scheduled(identity = "billing-export", cron = "{stowage.billing.export-cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (destinations().none()) {
            LOG.debug("billing export: no destination configured (stowage.billing.export-bucket / export-dir)");
            return;
        }
        runScheduled(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1));
    }

    /**
     * The scheduled export of one day: skipped when done already or running on another replica; a failure is
     * retried {@code export-attempts} times, {@code export-retry-delay} seconds apart, then left for the next run.
     */
    public Result runScheduled(LocalDate day) {
        long started = System.nanoTime();
        Metrics.Outcome outcome = Metrics.Outcome.FAILURE;
        try {
            Result result = runWithRetries(day);
            outcome = result.outcome() == Outcome.EXPORTED ? Metrics.Outcome.SUCCESS : Metrics.Outcome.SKIPPED;
            return result;
        } finally {
            metrics.jobRun(Metrics.Job.EXPORT, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Result runWithRetries(LocalDate day) {
        int attempts = Math.max(1, config.exportAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                Result result = export(day, false, destinations());
                LOG.infof("billing export of %s: %s, %d records, files %s", day, result.outcome(), result.records(),
                        result.files());
                return result;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.errorf(e, "billing export of %s failed %d times; the next scheduled run tries again", day,
                            attempt);
                    throw e;
                }
                LOG.warnf(e, "billing export of %s failed (attempt %d of %d); retrying in %d s", day, attempt,
                        attempts, config.exportRetryDelay());
                try {
                    Thread.sleep(config.exportRetryDelay() * 1000L);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Exports one day to {@code to}. {@code force} exports again a day already done (replacing its files); without
     * it a done day is skipped. Another replica holding the day's lease wins either way.
     */
    public Result export(LocalDate day, boolean force, Destinations to) {
        if (to.none()) {
            return new Result(day, Outcome.NO_DESTINATION, 0, List.of());
        }
        switch (lease.claim(day, runner, force)) {
            case ALREADY_DONE:
                return new Result(day, Outcome.ALREADY_DONE, 0, List.of());
            case RUNNING_ELSEWHERE:
                return new Result(day, Outcome.RUNNING_ELSEWHERE, 0, List.of());
            default:
                break;
        }
        try {
            List<UsageRecord> list = records.daily(day, day);
            // ordinary private objects of the bucket's owner: its FULL_CONTROL alone, as if it had put them
            Map<String, String> facts = to.bucket().isPresent()
                    ? Map.of(ObjectAccess.OWNER, store.bucket(to.bucket().get()).ownerId()) : Map.of();
            List<String> files = new ArrayList<>();
            for (UsageRecordFormat.Format format : UsageRecordFormat.Format.values()) {
                byte[] content = render(format, list);
                String name = UsageRecordFormat.fileName(day, format);
                if (to.bucket().isPresent()) {
                    String key = to.prefix() + name;
                    store.putObject(to.bucket().get(), key, new ByteArrayInputStream(content), content.length, null,
                            new ObjectAttributes(contentType(format), null, null, null, null, null, Map.of(), facts));
                    files.add("s3://" + to.bucket().get() + "/" + key);
                }
                if (to.directory().isPresent()) {
                    files.add(writeFile(to.directory().get(), name, content).toString());
                }
            }
            lease.done(day, runner);
            return new Result(day, Outcome.EXPORTED, list.size(), files);
        } catch (IOException | RuntimeException e) {
            try {
                lease.failed(day, runner, String.valueOf(e));
            } catch (RuntimeException ignored) {
                LOG.debugf(ignored, "could not record the failed export of %s", day);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("billing export of " + day
                    + " failed: " + e, e);
        }
    }

    static byte[] render(UsageRecordFormat.Format format, List<UsageRecord> list) {
        StringBuilder out = new StringBuilder(UsageRecordFormat.header(format));
        for (UsageRecord r : list) {
            out.append(UsageRecordFormat.line(format, UsageRecordFormat.fields(r)));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String contentType(UsageRecordFormat.Format format) {
        return format == UsageRecordFormat.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson";
    }

    /** Writes the file crash-safe: a temp file beside it, forced, renamed over the old one. */
    private static Path writeFile(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        DurableFiles.replace(temp, target, dir, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return null;
        });
        return target;
    }
}
