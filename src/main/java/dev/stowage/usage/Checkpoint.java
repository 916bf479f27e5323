package dev.stowage.usage;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The open period of one instance as last made durable: when it started, up to when it was counted, the configured
 * period (for the object's name) and the counts so far. Stored as lines of tab-separated values: a header line,
 * then one line per item ({@code bucket epoch user tag put get list other uploaded downloaded}); bucket names and
 * user ids hold no tabs or newlines.
 */
record Checkpoint(long startTs, long coveredTs, long period, Map<UsageKey, UsageCounts> items) {
    private static final String MAGIC = "stowage-usage-checkpoint-1";

    byte[] encode() {
        StringBuilder out = new StringBuilder(64 + items.size() * 96);
        out.append(MAGIC).append('\t').append(startTs).append('\t').append(coveredTs).append('\t').append(period)
                .append('\n');
        items.forEach((k, c) -> out.append(k.bucket()).append('\t').append(k.epoch()).append('\t')
                .append(k.userId()).append('\t').append(k.tag()).append('\t')
                .append(c.put()).append('\t').append(c.get()).append('\t').append(c.list()).append('\t')
                .append(c.other()).append('\t').append(c.uploaded()).append('\t').append(c.downloaded())
                .append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a checkpoint; {@link IllegalArgumentException} when it is not one. */
    static Checkpoint decode(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a usage checkpoint");
        }
        Map<UsageKey, UsageCounts> items = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            if (f.length != 10) {
                throw new IllegalArgumentException("bad usage checkpoint line " + (i + 1));
            }
            items.merge(new UsageKey(f[0], Long.parseLong(f[1]), f[2], f[3]),
                    new UsageCounts(Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                            Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9])),
                    UsageCounts::plus);
        }
        return new Checkpoint(Long.parseLong(head[1]), Long.parseLong(head[2]), Long.parseLong(head[3]), items);
    }
}
