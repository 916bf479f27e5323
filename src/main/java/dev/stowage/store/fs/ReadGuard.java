package dev.stowage.store.fs;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells the {@link FileReaper} when no read of an object file that began before a delete can still be going on,
 * so that the deleted file may be reused ({@link SpareFiles}) instead of unlinked. A reused file is truncated and
 * rewritten, which a reader still holding it open would see; an unlinked one keeps its bytes for such a reader.
 *
 * <p>Two counts of readers, by parity, as in read-copy-update: a read {@link #enter enters} the current parity
 * before it opens a file and {@link #exit exits} when it no longer reads through that descriptor. The reaper
 * {@link #quiesce flips} the parity after the files it holds were taken out of view and waits until the old count
 * is zero: every read that could have opened one of them has then ended, and later reads can no longer reach
 * them (a read that still entered the old parity after the flip opened its file after the files were gone).
 */
final class ReadGuard {
    private final AtomicLong[] active = {new AtomicLong(), new AtomicLong()};
    private volatile int parity;

    /** Marks a read as begun; give the returned token to {@link #exit}. */
    int enter() {
        int p = parity;
        active[p].incrementAndGet();
        return p;
    }

    void exit(int token) {
        active[token].decrementAndGet();
    }

    /**
     * Flips the parity and waits, at most {@code timeoutMillis}, until every read that entered before has exited.
     * Only the one reaper thread calls this. False when reads are still open after the wait: a slow download of a
     * mid-sized object, say; the caller then unlinks instead.
     */
    boolean quiesce(long timeoutMillis) {
        int old = parity;
        if (active[1 - old].get() != 0) {
            return false; // the flip before this one has not drained yet: flipping again would mix the two
        }
        parity = 1 - old;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int spins = 0; active[old].get() != 0; spins++) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(200_000);
            }
        }
        return true;
    }
}
