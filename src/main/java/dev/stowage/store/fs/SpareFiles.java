package dev.stowage.store.fs;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Empty files in this instance's temp directory, left by deleted and replaced objects, that new writes take
 * instead of creating files. Creating a file allocates an inode; on ext4 without a journal the allocator skips
 * every inode freed in the last 60 seconds (360 while its inode-table block is dirty) one by one, under the
 * directory's lock, so after a burst of deletes each create took about a millisecond of kernel time and creates
 * queued behind each other (measured
 * with perf: {@code recently_deleted} was 40% of the gateway's samples during 4 KiB PUTs). A reused file
 * allocates nothing and frees nothing. The {@link FileReaper} adds files, emptied and no longer readable by
 * anyone ({@link ReadGuard}); the pool is bounded, and the rest are unlinked as before. A clean stop leaves the
 * pool's files to the next instance to start, which adds them to its own ({@link InstanceTempDir}).
 */
final class SpareFiles {
    private final Queue<Path> files = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int capacity;

    SpareFiles(int capacity) {
        this.capacity = capacity;
    }

    boolean hasRoom() {
        return count.get() < capacity;
    }

    /** Keeps {@code emptyFile} (an empty file of this instance's temp directory) for reuse; false when full. */
    boolean offer(Path emptyFile) {
        if (count.incrementAndGet() > capacity) {
            count.decrementAndGet();
            return false;
        }
        files.add(emptyFile);
        return true;
    }

    /**
     * A spare file for the write that follows, under its own name (unique in the instance directory, like any
     * temp name), so writing into it needs no rename first; null when there is none. (Should it be gone, the
     * write creates it again, as it creates a fresh temp name.)
     */
    Path claim() {
        Path spare = files.poll();
        if (spare != null) {
            count.decrementAndGet();
        }
        return spare;
    }

    /** Takes every spare file out of the pool: those a stopping instance leaves to the next one. */
    Set<Path> takeAll() {
        Set<Path> all = new HashSet<>();
        for (Path spare = claim(); spare != null; spare = claim()) {
            all.add(spare);
        }
        return all;
    }

    int size() {
        return count.get();
    }
}
