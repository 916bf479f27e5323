package dev.stowage.metering;

import java.time.Duration;
import java.time.Instant;

/** The 15-minute slots metering counts in, aligned on :00, :15, :30 and :45 UTC. */
public final class Slots {
    /** The length of a slot. */
    public static final Duration SLOT = Duration.ofMinutes(15);
    public static final long SLOT_MILLIS = SLOT.toMillis();

    private Slots() {}

    /** Whether {@code epochMillis} is the first millisecond of a slot. */
    public static boolean isSlotStart(long epochMillis) {
        return Math.floorMod(epochMillis, SLOT_MILLIS) == 0;
    }

    /** The start of the slot that holds {@code t}. */
    public static Instant floor(Instant t) {
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, SLOT_MILLIS));
    }

    /** The first slot start at or after {@code t}. */
    public static Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : floor.plus(SLOT);
    }
}
