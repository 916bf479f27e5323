package dev.stowage.usage;

/**
 * What the counters count under: a usage object's key, the 15-minute slot the request finished in (Unix seconds of
 * the slot's start, on :00/:15/:30/:45 UTC — UTAPI's granularity) and the request's AWS action. A usage object sums
 * a key's slots and actions into its {@code put/get/list/other} classes ({@link UsageClass}); the metering rows keep
 * them apart.
 */
public record TrafficKey(UsageKey key, long slot, String action) {
    /** The length of a metering slot in seconds (UTAPI's 15 minutes). */
    public static final long SLOT_SECONDS = 900;

    public TrafficKey {
        if (key == null || action == null) {
            throw new IllegalArgumentException("key and action are required");
        }
    }

    /** The start of the slot holding {@code epochSecond}. */
    public static long slotOf(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond, SLOT_SECONDS);
    }
}
