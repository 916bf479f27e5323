package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Empty files in this instance's temp directory, left by deleted and replaced objects, that new writes take
 * instead of creating files. Creating a file allocates an inode; on ext4 without a journal the allocator skips
 * every inode freed in the last 60 seconds (360 while its inode-table block is dirty) one by one, under the
 * directory's lock, so after a burst of deletes each create took about a millisecond of kernel time and creates
 * queued behind each other (measured
 * with perf: {@code recently_deleted} was 40% of the gateway's samples during 4 KiB PUTs). A reused file
 * allocates nothing and frees nothing. Only the {@link FileReaper} adds files, emptied and no longer readable by
 * anyone ({@link ReadGuard}); the pool is bounded, and the rest are unlinked as before. Nothing here survives a
 * restart: the files go with the instance directory.
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
     * Renames a spare file to {@code temp} (a fresh name in the same directory), so that the write that follows
     * finds an empty file there; false, nothing done, when there is none.
     */
    boolean claim(Path temp) {
        for (Path spare = files.poll(); spare != null; spare = files.poll()) {
            count.decrementAndGet();
            try {
                Files.move(spare, temp, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (NoSuchFileException e) {
                // removed with the instance directory at shutdown: try the next
            } catch (IOException e) {
                DurableFiles.deleteQuietly(spare);
            }
        }
        return false;
    }

    int size() {
        return count.get();
    }
}
