package dev.stowage.usage;

import java.util.HashMap;
import java.util.Map;

/** The counters of one {@link TrafficKey}: requests, request body bytes, response body bytes. Immutable. */
public record TrafficCounts(long ops, long bytesIn, long bytesOut) {
    public static final TrafficCounts ZERO = new TrafficCounts(0, 0, 0);

    public TrafficCounts plus(TrafficCounts o) {
        return new TrafficCounts(ops + o.ops, bytesIn + o.bytesIn, bytesOut + o.bytesOut);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** The usage object's view: each key's counts summed over slots, the actions into their classes. */
    public static Map<UsageKey, UsageCounts> byUsageKey(Map<TrafficKey, TrafficCounts> traffic) {
        Map<UsageKey, UsageCounts> out = new HashMap<>();
        traffic.forEach((k, c) -> out.merge(k.key(), c.asUsage(UsageClass.of(k.action())), UsageCounts::plus));
        return out;
    }

    private UsageCounts asUsage(UsageClass usageClass) {
        return new UsageCounts(usageClass == UsageClass.PUT ? ops : 0, usageClass == UsageClass.GET ? ops : 0,
                usageClass == UsageClass.LIST ? ops : 0, usageClass == UsageClass.OTHER ? ops : 0, bytesIn, bytesOut);
    }
}
