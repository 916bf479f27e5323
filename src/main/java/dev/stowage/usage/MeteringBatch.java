package dev.stowage.usage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one closed usage period gives the metering tables, taken from the same snapshot as its usage object: the
 * traffic per key, 15-minute slot and action, and (unless it was recovered from a checkpoint, which has no storage
 * state) every bucket's storage over {@code [storageFrom, storageAt]} with the buckets that existed at its end.
 * Kept as a durable pending file ({@link UsageFiles#writePending}) until the database has it, so a database that
 * is down at rollup time delays the rows and loses none; writing a batch again replaces its rows (see
 * {@link MeteringSink}), so nothing is counted twice.
 *
 * @param serviceId the instance that counted it
 * @param periodStart the usage period's start ({@code start_ts} of its usage object), which names its traffic rows
 * @param storageFrom when the storage integrals of this batch start (the previous batch's {@code storageAt})
 * @param storageAt when the storage was taken (the period's end)
 * @param hasStorage whether {@code storage} and {@code buckets} were taken (false for a recovered checkpoint)
 */
public record MeteringBatch(String serviceId, long periodStart, long storageFrom, long storageAt, boolean hasStorage,
        Map<TrafficKey, TrafficCounts> traffic, List<BucketStorage> storage, List<Bucket> buckets) {
    private static final String MAGIC = "stowage-metering-1";

    /** A bucket that existed at the period's end, with its owner (the account its traffic is billed to). */
    public record Bucket(String name, long epoch, String ownerId) {}

    /** The pending file's name: by service id, then start, so a listing sorts each instance's batches in order. */
    String fileName() {
        return fileName(serviceId, periodStart);
    }

    static String fileName(String serviceId, long periodStart) {
        return serviceId + "-" + String.format("%012d", periodStart);
    }

    /** Lines of tab-separated values: a header, then {@code T} (traffic), {@code S} (storage), {@code B} (bucket). */
    byte[] encode() {
        StringBuilder out = new StringBuilder(64 + traffic.size() * 112 + storage.size() * 96);
        out.append(MAGIC).append('\t').append(serviceId).append('\t').append(periodStart).append('\t')
                .append(storageFrom).append('\t').append(storageAt).append('\t').append(hasStorage).append('\n');
        traffic.forEach((t, c) -> out.append("T\t").append(t.key().bucket()).append('\t').append(t.key().epoch())
                .append('\t').append(t.key().userId()).append('\t').append(t.key().tag()).append('\t')
                .append(t.slot()).append('\t').append(t.action()).append('\t').append(c.ops()).append('\t')
                .append(c.bytesIn()).append('\t').append(c.bytesOut()).append('\n'));
        for (BucketStorage s : storage) {
            out.append("S\t").append(s.bucket()).append('\t').append(s.epoch()).append('\t').append(s.ownerId())
                    .append('\t').append(s.current()).append('\t').append(s.objects()).append('\t').append(s.hmax())
                    .append('\t').append(s.hIntegral()).append('\t').append(s.lastTs()).append('\n');
        }
        for (Bucket b : buckets) {
            out.append("B\t").append(b.name()).append('\t').append(b.epoch()).append('\t')
                    .append(b.ownerId() == null ? "" : b.ownerId()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a pending file; {@link IllegalArgumentException} when it is not one. */
    static MeteringBatch decode(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 6 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a metering batch");
        }
        Map<TrafficKey, TrafficCounts> traffic = new HashMap<>();
        List<BucketStorage> storage = new ArrayList<>();
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            switch (f[0]) {
                case "T" -> {
                    require(f, 10, i);
                    traffic.merge(new TrafficKey(new UsageKey(f[1], Long.parseLong(f[2]), f[3], f[4]),
                            Long.parseLong(f[5]), f[6]), new TrafficCounts(Long.parseLong(f[7]),
                            Long.parseLong(f[8]), Long.parseLong(f[9])), TrafficCounts::plus);
                }
                case "S" -> {
                    require(f, 9, i);
                    storage.add(new BucketStorage(f[1], Long.parseLong(f[2]), f[3], Long.parseLong(f[4]),
                            Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])));
                }
                case "B" -> {
                    require(f, 4, i);
                    buckets.add(new Bucket(f[1], Long.parseLong(f[2]), f[3].isEmpty() ? null : f[3]));
                }
                case "" -> { }
                default -> throw new IllegalArgumentException("bad metering batch line " + (i + 1));
            }
        }
        return new MeteringBatch(head[1], Long.parseLong(head[2]), Long.parseLong(head[3]), Long.parseLong(head[4]),
                Boolean.parseBoolean(head[5]), traffic, storage, buckets);
    }

    private static void require(String[] fields, int count, int line) {
        if (fields.length != count) {
            throw new IllegalArgumentException("bad metering batch line " + (line + 1));
        }
    }
}
