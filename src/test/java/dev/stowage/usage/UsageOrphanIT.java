package dev.stowage.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.config.StowageConfig;
import dev.stowage.metering.MeteringLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica that died and came back under another instance name (a Kubernetes Deployment's pod) leaves its
 * service id's open-period checkpoint behind: a live instance adopts it — the usage object and the metering rows
 * written once — and leaves alone the checkpoints of instances still alive.
 */
@QuarkusTest
class UsageOrphanIT {
    @Inject
    UsageRollup rollup;

    @Inject
    MeteringLedger ledger;

    @Inject
    StowageConfig config;

    @Test
    void adoptOrphans_checkpointOfAGoneInstance_becomesItsUsageObjectAndRowsOnce_aLiveOnesIsLeftAlone() throws Exception {
        Path usage = Path.of(config.dataDir()).toAbsolutePath().resolve("usage");
        long now = Instant.now().getEpochSecond();
        long slot = TrafficKey.slotOf(now);
        String bucket = "orphaned-" + System.nanoTime() % 1_000_000_000;
        Instance gone = newInstance(usage, "gone-pod-" + System.nanoTime());
        Instance alive = newInstance(usage, "live-pod-" + System.nanoTime());
        TrafficKey put = new TrafficKey(new UsageKey(bucket, 3, "0123456789abcdef", ""), slot, "PutObject");
        TrafficKey list = new TrafficKey(new UsageKey(bucket, 3, "0123456789abcdef", ""), slot, "ListObjectsV2");
        Files.write(usage.resolve("open").resolve(gone.id()), new Checkpoint(now - 60, now - 5, 1800,
                Map.of(put, new TrafficCounts(7, 7000, 0), list, new TrafficCounts(2, 0, 900))).encode());
        Path aliveCheckpoint = usage.resolve("open").resolve(alive.id());
        Files.write(aliveCheckpoint, new Checkpoint(now - 60, now - 5, 1800,
                Map.of(put, new TrafficCounts(100, 1, 1))).encode());
        Path aliveDir = usage.resolve("instances").resolve(alive.name());
        try (FileChannel channel = FileChannel.open(aliveDir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {

            List<UsageName> adopted = rollup.adoptOrphans();
            List<UsageName> again = rollup.adoptOrphans();

            UsageName name = new UsageName(gone.id(), now - 60, 1800);
            assertThat(adopted).containsExactly(name);
            assertThat(again).isEmpty();
            String json = new String(rollup.files().read(name).orElseThrow(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"put\": 7", "\"list\": 2", "\"uploaded\": 7000", "\"downloaded\": 900");
            assertThat(usage.resolve("open").resolve(gone.id())).doesNotExist();
            List<MeteringLedger.Traffic> rows = ledger.traffic(Instant.ofEpochSecond(slot),
                    Instant.ofEpochSecond(slot + TrafficKey.SLOT_SECONDS)).stream()
                    .filter(t -> t.bucket().equals(bucket)).toList();
            assertThat(rows).extracting(MeteringLedger.Traffic::action, MeteringLedger.Traffic::ops)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ListObjectsV2", 2L),
                            org.assertj.core.groups.Tuple.tuple("PutObject", 7L));
            assertThat(aliveCheckpoint).as("a live instance's checkpoint is its own").exists();
            assertThat(rollup.files().list()).doesNotContain(new UsageName(alive.id(), now - 60, 1800));
        } finally {
            Files.deleteIfExists(aliveCheckpoint);
            for (Instance i : List.of(gone, alive)) {
                Path dir = usage.resolve("instances").resolve(i.name());
                Files.deleteIfExists(dir.resolve("service-id"));
                Files.deleteIfExists(dir.resolve("lock"));
                Files.deleteIfExists(dir);
                Files.deleteIfExists(usage.resolve("service-ids").resolve(i.id()));
            }
        }
    }

    private record Instance(String id, String name) {}

    /** An instance directory with its service id, as {@link ServiceId} leaves it. */
    private static Instance newInstance(Path usage, String name) throws Exception {
        String id = Long.toString(1_100_000_000_000_000L + System.nanoTime() % 1_000_000_000_000L);
        Path dir = usage.resolve("instances").resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("service-id"), id + "\n");
        Files.writeString(usage.resolve("service-ids").resolve(id), name + "\n");
        return new Instance(id, name);
    }
}
