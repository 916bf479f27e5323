package dev.stowage.usage;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The open period of one instance as last made durable: when it started, up to when it was counted, the configured
 * period (for the object's name) and the counts so far, per key, slot and action. Stored as lines of tab-separated
 * values: a header line, then one line per cell ({@code bucket epoch user tag slot action ops bytes-in bytes-out});
 * bucket names, user ids and action names hold no tabs or newlines.
 */
record Checkpoint(long startTs, long coveredTs, long period, Map<TrafficKey, TrafficCounts> items) {
    private static final String MAGIC = "stowage-usage-checkpoint-2";

    byte[] encode() {
        StringBuilder out = new StringBuilder(64 + items.size() * 112);
        out.append(MAGIC).append('\t').append(startTs).append('\t').append(coveredTs).append('\t').append(period)
                .append('\n');
        items.forEach((t, c) -> {
            UsageKey k = t.key();
            out.append(k.bucket()).append('\t').append(k.epoch()).append('\t').append(k.userId()).append('\t')
                    .append(k.tag()).append('\t').append(t.slot()).append('\t').append(t.action()).append('\t')
                    .append(c.ops()).append('\t').append(c.bytesIn()).append('\t').append(c.bytesOut()).append('\n');
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a checkpoint; {@link IllegalArgumentException} when it is not one. */
    static Checkpoint decode(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a usage checkpoint");
        }
        Map<TrafficKey, TrafficCounts> items = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            if (f.length != 9) {
                throw new IllegalArgumentException("bad usage checkpoint line " + (i + 1));
            }
            items.merge(new TrafficKey(new UsageKey(f[0], Long.parseLong(f[1]), f[2], f[3]), Long.parseLong(f[4]), f[5]),
                    new TrafficCounts(Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])),
                    TrafficCounts::plus);
        }
        return new Checkpoint(Long.parseLong(head[1]), Long.parseLong(head[2]), Long.parseLong(head[3]), items);
    }
}
