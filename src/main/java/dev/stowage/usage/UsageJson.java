package dev.stowage.usage;

import dev.stowage.ostor.json.JsonWriter;
import java.util.Comparator;
import java.util.Map;

/**
 * A usage object's content, exactly as ostor's: {@code fmt_version}, {@code service_id} (a bare number),
 * {@code start_ts}, {@code period} (seconds actually covered), {@code nr_items} and the items, each a {@code key}
 * and its {@code counters}. Items in a fixed order (bucket, epoch, user, tag) so the same counts give the same bytes.
 */
final class UsageJson {
    static final Comparator<UsageKey> KEY_ORDER = Comparator.comparing(UsageKey::bucket)
            .thenComparingLong(UsageKey::epoch).thenComparing(UsageKey::userId).thenComparing(UsageKey::tag);

    private UsageJson() {}

    static byte[] render(String serviceId, long startTs, long period, Map<UsageKey, UsageCounts> items) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("fmt_version", 1)
                .field("service_id", Long.parseLong(serviceId))
                .field("start_ts", startTs)
                .field("period", period)
                .field("nr_items", items.size())
                .name("items").beginArray();
        items.entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER)).forEach(e -> {
            UsageKey k = e.getKey();
            UsageCounts c = e.getValue();
            json.beginObject()
                    .name("key").beginObject()
                    .field("bucket", k.bucket())
                    .field("epoch", k.epoch())
                    .field("user_id", k.userId())
                    .field("tag", k.tag())
                    .endObject()
                    .name("counters").beginObject()
                    .name("ops").beginObject()
                    .field("put", c.put())
                    .field("get", c.get())
                    .field("list", c.list())
                    .field("other", c.other())
                    .endObject()
                    .name("net_io").beginObject()
                    .field("uploaded", c.uploaded())
                    .field("downloaded", c.downloaded())
                    .endObject()
                    .endObject()
                    .endObject();
        });
        return json.endArray().endObject().toBytes();
    }
}
