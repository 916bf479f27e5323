package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the reaper may take a read as ended: the rules of {@link ReadGuard}, without timing. */
class ReadGuardTest {
    private final ReadGuard guard = new ReadGuard();

    @Test
    void quiesce_withNoReads_succeeds() {
        assertTrue(guard.quiesce(0));
        assertTrue(guard.quiesce(0));
    }

    @Test
    void quiesce_whileAReadBegunBeforeIsOpen_fails_andSucceedsOnceItEnded() {
        int read = guard.enter();
        assertFalse(guard.quiesce(1));
        guard.exit(read);
        assertTrue(guard.quiesce(0));
    }

    @Test
    void readsBegunAfterAQuiesce_doNotHoldItBack() {
        assertTrue(guard.quiesce(0));
        int later = guard.enter();
        // a later quiesce must wait for it; the files of the earlier one were out of view before it began
        assertFalse(guard.quiesce(1));
        guard.exit(later);
        assertTrue(guard.quiesce(0));
    }

    @Test
    void aReadOutstandingFromAFailedQuiesce_blocksTheNextOnes_untilItEnds() {
        int slow = guard.enter();
        assertFalse(guard.quiesce(1), "the slow read began before");
        int fresh = guard.enter();
        guard.exit(fresh);
        assertFalse(guard.quiesce(1), "flipping back would count the slow read with new ones");
        assertFalse(guard.quiesce(1));
        guard.exit(slow);
        assertTrue(guard.quiesce(0));
    }
}
