package dev.stowage.usage;

import dev.stowage.config.StowageConfig;
import dev.stowage.ops.InstanceIdentity;
import dev.stowage.ops.Metrics;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns the counters into usage objects, durably and exactly once.
 *
 * <ul>
 *   <li>Every {@code checkpoint-interval} seconds the counts made since the last checkpoint are added to the open
 *       period, which is written whole to {@code usage/open/<service id>} (atomically). A crash loses at most
 *       what was counted since.</li>
 *   <li>Every {@code period} seconds the period closes: its usage object is written (temp file, fsync, rename),
 *       and only then the checkpoint removed. The next period starts at a later second, so names never repeat.
 *       A period without traffic writes nothing.</li>
 *   <li>At start a leftover checkpoint (a crash) becomes its period's object unless that object was written (or
 *       written and deleted) already: a rollup interrupted between the object and the checkpoint's removal is
 *       never counted twice.</li>
 *   <li>On shutdown (SIGTERM) the open period is closed.</li>
 * </ul>
 *
 * The storage accounting is checkpointed alongside ({@code usage/storage/<service id>}), with a per-period
 * snapshot of every bucket in {@code usage/storage-history/} for billing by byte-hours.
 *
 * <p>The metering ledger (UTAPI, CloudStack usage records, billing exports) is fed from the same closed snapshot:
 * each rollup first writes the period's {@link MeteringBatch} (traffic per 15-minute slot and action, every
 * bucket's storage) as a pending file, then the usage object, and then sends the pending batches to the
 * {@link MeteringSink} in order; a batch leaves its pending file only once the database has it, and sending it
 * again replaces its rows. A database that is down delays the rows (retried every checkpoint interval) and loses
 * or doubles none.
 *
 * <p>A replica that died and came back under another instance name leaves its service id's checkpoint and pending
 * batches behind: at start and at every rollup, a live instance claims such orphaned ids ({@link
 * ServiceId#claimOrphans}) and finishes their leftovers, exactly as the owner's own next start would have.
 *
 * <p>Jobs and tests call {@link #checkpoint()}, {@link #rollup()} and {@link #adoptOrphans()} directly; all are
 * serialized.
 */
@ApplicationScoped
public class UsageRollup {
    private static final Logger LOG = Logger.getLogger(UsageRollup.class);

    private final StowageConfig.Usage settings;
    private final UsageCollector collector;
    private final StorageLedger storage;
    private final ObjectStore store;
    private final MeteringSink metering;
    /** Runs of checkpoints ({@code usage_flush}) and rollups ({@code rollup}) for /q/metrics. */
    private final Metrics metrics;
    private final Path usageDir;
    /** This gateway's instance name ({@code stowage.instance-id}), under which its service id is kept. */
    private final String instanceName;
    private final Clock clock = Clock.systemUTC();
    private final Map<TrafficKey, TrafficCounts> open = new HashMap<>();

    private ServiceId serviceId;
    private UsageFiles files;
    private long periodStart;
    private long lastCheckpoint;
    private long lastScan;
    /** Where the storage integrals of the next metering batch start (the last closing of the storage period). */
    private long storageFrom;
    private long lastMeteringAttempt;
    private boolean stopped;

    public UsageRollup(StowageConfig config, UsageCollector collector, StorageLedger storage, ObjectStore store,
            InstanceIdentity instance, MeteringSink metering, Metrics metrics) {
        this.settings = config.usage();
        this.metrics = metrics;
        this.instanceName = instance.id();
        this.collector = collector;
        this.storage = storage;
        this.store = store;
        this.metering = metering;
        this.usageDir = Path.of(config.dataDir()).toAbsolutePath().resolve("usage");
    }

    void start(@Observes @Priority(10) StartupEvent event) throws IOException {
        init();
    }

    synchronized void init() throws IOException {
        if (files != null) {
            return;
        }
        serviceId = ServiceId.open(usageDir, instanceName);
        files = new UsageFiles(usageDir, serviceId.id());
        recoverCheckpoint(serviceId.id());
        loadStorage();
        long now = now();
        // the integrals restart here: the metering rows carry the time since the last row at its size
        storage.closePeriod(now);
        storageFrom = now;
        periodStart = firstFreeStart(now);
        lastCheckpoint = now;
        lastScan = now;
        adoptOrphansQuietly();
        sendPendingQuietly(serviceId.id());
        LOG.infof("Usage statistics: %s, service id %s (instance %s), period %d s, checkpoint every %d s, in %s",
                collector.enabled() ? "collected" : "not collected (stowage.usage.collect=false)", serviceId.id(),
                serviceId.instance(), settings.period(), settings.checkpointInterval(), usageDir);
    }

    /** This instance's service id (16 digits). */
    public String serviceId() {
        return serviceId.id();
    }

    /** The usage objects (listing, reading, deleting). */
    public UsageFiles files() {
        return files;
    }

    /** The storage accounting. */
    public StorageLedger storage() {
        return storage;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** The scheduler's beat: checkpoints, closes periods and rescans storage when each is due. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            long now = now();
            if (now - periodStart >= settings.period()) {
                rollup();
            } else if (now - lastCheckpoint >= settings.checkpointInterval()) {
                checkpoint();
            }
            if (settings.storageScanInterval() > 0 && now - lastScan >= settings.storageScanInterval()) {
                lastScan = now;
                StorageScan.run(store, storage);
            }
            if (now - lastMeteringAttempt >= settings.checkpointInterval()) {
                retryMetering();
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "Usage statistics job failed; retrying at the next beat");
        }
    }

    /** Reconciles the storage accounting with the filesystem now (the scheduled scan). */
    public void scanStorage() throws IOException {
        StorageScan.run(store, storage);
    }

    /** Makes the counts so far durable in the open period's checkpoint (and the storage state). */
    public synchronized void checkpoint() throws IOException {
        long started = System.nanoTime();
        Metrics.Outcome outcome = Metrics.Outcome.FAILURE;
        try {
            outcome = checkpointNow() ? Metrics.Outcome.SUCCESS : Metrics.Outcome.SKIPPED;
        } finally {
            metrics.jobRun(Metrics.Job.USAGE_FLUSH, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The checkpoint itself; false when stopped. */
    private boolean checkpointNow() throws IOException {
        if (stopped) {
            return false;
        }
        long now = now();
        collector.drain().forEach((k, c) -> open.merge(k, c, TrafficCounts::plus));
        if (!open.isEmpty()) {
            files.write(files.checkpointFile(serviceId.id()),
                    new Checkpoint(periodStart, Math.max(now, periodStart), settings.period(), Map.copyOf(open))
                            .encode());
        }
        saveStorage(false);
        lastCheckpoint = now;
        return true;
    }

    /**
     * Closes the open period: writes its metering batch (pending until the database has it) and its usage object
     * when it counted anything, and starts the next period. Returns the object's name, empty when there was no
     * traffic.
     */
    public synchronized Optional<UsageName> rollup() throws IOException {
        long started = System.nanoTime();
        Metrics.Outcome outcome = Metrics.Outcome.FAILURE;
        try {
            Optional<UsageName> written = rollupNow();
            outcome = stopped ? Metrics.Outcome.SKIPPED : Metrics.Outcome.SUCCESS;
            return written;
        } finally {
            metrics.jobRun(Metrics.Job.ROLLUP, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Optional<UsageName> rollupNow() throws IOException {
        if (stopped) {
            return Optional.empty();
        }
        long now = now();
        collector.drain().forEach((k, c) -> open.merge(k, c, TrafficCounts::plus));
        List<BucketInfo> existing = store.listBuckets();
        storage.retainOnly(existing);
        List<BucketStorage> closed = storage.closePeriod(now);
        files.writePending(new MeteringBatch(serviceId.id(), periodStart, storageFrom, now, true, Map.copyOf(open),
                closed, buckets(existing)));
        Optional<UsageName> written = Optional.empty();
        if (!open.isEmpty()) {
            UsageName name = new UsageName(serviceId.id(), periodStart, settings.period());
            files.writeObject(name, UsageJson.render(serviceId.id(), periodStart, Math.max(0, now - periodStart),
                    TrafficCounts.byUsageKey(open)));
            written = Optional.of(name);
        }
        UsageFiles.remove(files.checkpointFile(serviceId.id()));
        writeStorageSnapshot(now, closed);
        open.clear();
        storageFrom = now;
        periodStart = firstFreeStart(Math.max(now, periodStart + 1));
        lastCheckpoint = now;
        files.pruneTombstones(clock.instant());
        adoptOrphansQuietly();
        sendPendingQuietly(serviceId.id());
        return written;
    }

    /**
     * Finishes the leftovers of every service id whose instance is gone (no live process holds its claim): its
     * open period's checkpoint becomes its usage object (once: not when that object was written before) and its
     * pending metering batches are sent. Returns the usage objects written.
     */
    public synchronized List<UsageName> adoptOrphans() throws IOException {
        List<UsageName> written = new ArrayList<>();
        for (ServiceId orphan : ServiceId.claimOrphans(usageDir)) {
            try (orphan) {
                recoverCheckpoint(orphan.id()).ifPresent(written::add);
                if (!sendPending(orphan.id())) {
                    LOG.warnf("Metering rows of service id %s (instance %s, gone) stay pending", orphan.id(),
                            orphan.instance());
                }
            }
        }
        return written;
    }

    /**
     * Sends this instance's pending metering batches now; returns whether none is left pending. Tests call it
     * after a rollup whose batch could not be sent.
     */
    public synchronized boolean retryMetering() {
        lastMeteringAttempt = now();
        return sendPendingQuietly(serviceId.id());
    }

    private static List<MeteringBatch.Bucket> buckets(List<BucketInfo> existing) {
        return existing.stream().map(b -> new MeteringBatch.Bucket(b.name(), b.epoch(), b.ownerId())).toList();
    }

    private void adoptOrphansQuietly() {
        try {
            adoptOrphans();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "Could not finish the usage leftovers of gone instances; trying again at the next rollup");
        }
    }

    private boolean sendPendingQuietly(String id) {
        try {
            return sendPending(id);
        } catch (IOException e) {
            LOG.warnf(e, "Could not read the pending metering batches of %s", id);
            return false;
        }
    }

    /** Sends the pending batches of one service id, oldest first, stopping at the first failure. */
    private boolean sendPending(String id) throws IOException {
        for (Path file : files.pending(id)) {
            Optional<String> text = UsageFiles.readText(file);
            if (text.isEmpty()) {
                continue; // sent meanwhile by whoever held the id
            }
            MeteringBatch batch;
            try {
                batch = MeteringBatch.decode(text.get());
            } catch (RuntimeException e) {
                LOG.errorf("Pending metering batch %s is unreadable (%s); moved aside", file, e.getMessage());
                java.nio.file.Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable-" + now()));
                continue;
            }
            try {
                metering.write(batch);
            } catch (RuntimeException e) {
                LOG.warnf("Metering rows of %s not written yet (%s); kept in %s and retried", file.getFileName(),
                        e.getMessage(), file.getParent());
                return false;
            }
            UsageFiles.remove(file);
        }
        return true;
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (files == null || stopped) {
                return;
            }
            try {
                rollup();
                saveStorage(true);
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "Could not close the usage period at shutdown; its checkpoint is kept for the next start");
            } finally {
                stopped = true;
                try {
                    serviceId.close();
                } catch (IOException e) {
                    LOG.debugf(e, "Could not release the instance name");
                }
            }
        }
    }

    /** A start second whose object name is not taken (a restart within the second of the last period's start). */
    private long firstFreeStart(long start) {
        long s = start;
        while (files.writtenBefore(new UsageName(serviceId.id(), s, settings.period()))) {
            s++;
        }
        return s;
    }

    /**
     * Turns the leftover checkpoint of service id {@code id} (a crash) into its period's usage object and metering
     * batch, unless that object was written (or written and deleted) already.
     */
    private Optional<UsageName> recoverCheckpoint(String id) throws IOException {
        Path file = files.checkpointFile(id);
        Optional<String> text = UsageFiles.readText(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.decode(text.get());
        } catch (RuntimeException e) {
            LOG.errorf("Usage checkpoint %s is unreadable (%s); moved aside", file, e.getMessage());
            java.nio.file.Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable-" + now()));
            return Optional.empty();
        }
        UsageName name = new UsageName(id, cp.startTs(), cp.period());
        Optional<UsageName> written = Optional.empty();
        if (files.writtenBefore(name)) {
            LOG.infof("Usage period %s was already written; dropping its leftover checkpoint", name);
        } else if (!cp.items().isEmpty()) {
            // a rollup that stopped between its batch and its object: the batch holds the whole period
            Optional<MeteringBatch> closing = files.pendingExists(id, cp.startTs())
                    ? UsageFiles.readText(files.pendingFile(id, cp.startTs())).map(MeteringBatch::decode)
                    : Optional.empty();
            MeteringBatch batch = closing.isPresent() ? closing.get() : new MeteringBatch(id, cp.startTs(),
                    cp.coveredTs(), cp.coveredTs(), false, cp.items(), List.of(), buckets(store.listBuckets()));
            long covered = closing.isPresent() ? batch.storageAt() : cp.coveredTs();
            if (closing.isEmpty()) {
                files.writePending(batch);
            }
            files.writeObject(name, UsageJson.render(id, cp.startTs(), Math.max(0, covered - cp.startTs()),
                    TrafficCounts.byUsageKey(batch.traffic())));
            written = Optional.of(name);
            LOG.infof("Usage period %s recovered from its checkpoint after an unclean stop", name);
        }
        UsageFiles.remove(file);
        return written;
    }

    private void loadStorage() throws IOException {
        Optional<String> text = UsageFiles.readText(files.storageFile(serviceId.id()));
        boolean clean = false;
        if (text.isPresent()) {
            try {
                clean = storage.load(text.get());
            } catch (RuntimeException e) {
                LOG.warnf("Storage accounting state unreadable (%s); measuring every bucket", e.getMessage());
            }
        }
        if (!clean) {
            StorageScan.run(store, storage);
        } else {
            storage.retainOnly(store.listBuckets());
        }
        saveStorage(false); // open until the next clean stop: a crash makes the next start measure again
    }

    private void saveStorage(boolean clean) throws IOException {
        if (clean || storage.dirty()) {
            files.write(files.storageFile(serviceId.id()), storage.encode(clean));
        }
    }

    /** Every bucket's storage over the closing period, for byte-hour billing; nothing when no bucket holds data. */
    private void writeStorageSnapshot(long now, List<BucketStorage> closed) throws IOException {
        if (closed.stream().allMatch(s -> s.hIntegral() == 0 && s.current() == 0)) {
            return;
        }
        JsonWriter json = new JsonWriter().beginObject()
                .field("fmt_version", 1)
                .field("service_id", Long.parseLong(serviceId.id()))
                .field("start_ts", periodStart)
                .field("period", Math.max(0, now - periodStart))
                .field("nr_items", closed.size())
                .name("items").beginArray();
        for (BucketStorage s : closed) {
            json.beginObject()
                    .field("bucket", s.bucket())
                    .field("epoch", s.epoch())
                    .field("owner_id", s.ownerId())
                    .field("current", s.current())
                    .field("objects", s.objects())
                    .field("hmax", s.hmax())
                    .field("h_integral", s.hIntegral())
                    .field("last_ts", s.lastTs())
                    .endObject();
        }
        String name = "s3-storage" + new UsageName(serviceId.id(), periodStart, settings.period()).toString()
                .substring("s3-usage".length());
        files.write(files.historyFile(name), json.endArray().endObject().toBytes());
    }
}
