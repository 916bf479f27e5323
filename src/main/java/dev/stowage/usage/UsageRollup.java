package dev.stowage.usage;

import dev.stowage.config.StowageConfig;
import dev.stowage.ops.InstanceIdentity;
import dev.stowage.ostor.json.JsonWriter;
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
 * snapshot of every bucket in {@code usage/storage-history/} for billing by byte-hours. Jobs and tests call
 * {@link #checkpoint()} and {@link #rollup()} directly; both are serialized.
 */
@ApplicationScoped
public class UsageRollup {
    private static final Logger LOG = Logger.getLogger(UsageRollup.class);

    private final StowageConfig.Usage settings;
    private final UsageCollector collector;
    private final StorageLedger storage;
    private final ObjectStore store;
    private final Path usageDir;
    /** This gateway's instance name ({@code stowage.instance-id}), under which its service id is kept. */
    private final String instanceName;
    private final Clock clock = Clock.systemUTC();
    private final Map<UsageKey, UsageCounts> open = new HashMap<>();

    private ServiceId serviceId;
    private UsageFiles files;
    private long periodStart;
    private long lastCheckpoint;
    private long lastScan;
    private boolean stopped;

    public UsageRollup(StowageConfig config, UsageCollector collector, StorageLedger storage, ObjectStore store,
            InstanceIdentity instance) {
        this.settings = config.usage();
        this.instanceName = instance.id();
        this.collector = collector;
        this.storage = storage;
        this.store = store;
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
        recoverCheckpoint();
        loadStorage();
        long now = now();
        periodStart = firstFreeStart(now);
        lastCheckpoint = now;
        lastScan = now;
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
        if (stopped) {
            return;
        }
        long now = now();
        collector.drain().forEach((k, c) -> open.merge(k, c, UsageCounts::plus));
        if (!open.isEmpty()) {
            files.write(files.checkpointFile(serviceId.id()),
                    new Checkpoint(periodStart, Math.max(now, periodStart), settings.period(), Map.copyOf(open))
                            .encode());
        }
        saveStorage(false);
        lastCheckpoint = now;
    }

    /**
     * Closes the open period: writes its usage object when it counted anything and starts the next period.
     * Returns the object's name, empty when there was no traffic.
     */
    public synchronized Optional<UsageName> rollup() throws IOException {
        if (stopped) {
            return Optional.empty();
        }
        long now = now();
        collector.drain().forEach((k, c) -> open.merge(k, c, UsageCounts::plus));
        Optional<UsageName> written = Optional.empty();
        if (!open.isEmpty()) {
            UsageName name = new UsageName(serviceId.id(), periodStart, settings.period());
            files.writeObject(name, UsageJson.render(serviceId.id(), periodStart, Math.max(0, now - periodStart), open));
            written = Optional.of(name);
        }
        UsageFiles.remove(files.checkpointFile(serviceId.id()));
        writeStorageSnapshot(now);
        open.clear();
        periodStart = firstFreeStart(Math.max(now, periodStart + 1));
        lastCheckpoint = now;
        files.pruneTombstones(clock.instant());
        return written;
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

    private void recoverCheckpoint() throws IOException {
        Path file = files.checkpointFile(serviceId.id());
        Optional<String> text = UsageFiles.readText(file);
        if (text.isEmpty()) {
            return;
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.decode(text.get());
        } catch (RuntimeException e) {
            LOG.errorf("Usage checkpoint %s is unreadable (%s); moved aside", file, e.getMessage());
            java.nio.file.Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable-" + now()));
            return;
        }
        UsageName name = new UsageName(serviceId.id(), cp.startTs(), cp.period());
        if (files.writtenBefore(name)) {
            LOG.infof("Usage period %s was already written; dropping its leftover checkpoint", name);
        } else if (!cp.items().isEmpty()) {
            files.writeObject(name, UsageJson.render(serviceId.id(), cp.startTs(),
                    Math.max(0, cp.coveredTs() - cp.startTs()), cp.items()));
            LOG.infof("Usage period %s recovered from its checkpoint after an unclean stop", name);
        }
        UsageFiles.remove(file);
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
    private void writeStorageSnapshot(long now) throws IOException {
        storage.retainOnly(store.listBuckets());
        List<BucketStorage> closed = storage.closePeriod(now);
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
