package dev.stowage.store.fs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps this process's commits out of a bucket while it is being deleted: a put holds the shared lock only
 * while renaming its object into place, deleteBucket the exclusive one from its emptiness check to the
 * bucket's removal. So an object whose put returned is never lost with a bucket deleted at the same moment.
 */
final class BucketLocks {
    /** Stripes of the per-key commit locks: enough that unrelated keys rarely share one. */
    private static final int KEY_STRIPES = 256;

    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> settings = new ConcurrentHashMap<>();
    private final ReentrantLock[] keys = new ReentrantLock[KEY_STRIPES];
    /** Apart from the key locks: a completion holds one of these while it takes a key lock. */
    private final ReentrantLock[] uploads = new ReentrantLock[KEY_STRIPES];

    BucketLocks() {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new ReentrantLock();
            uploads[i] = new ReentrantLock();
        }
    }

    /**
     * Held around the rename that makes an object visible or the unlink that removes it, so a conditional commit
     * (an attribute rewrite that must not undo a put that came in between) can check and rename in one step, and
     * storage accounting reads the size of the object being replaced consistently.
     */
    Lock key(String bucket, String key) {
        return keys[Math.floorMod(31 * bucket.hashCode() + key.hashCode(), KEY_STRIPES)];
    }

    /**
     * Serialises this process's completions of one multipart upload (striped by upload id, like the key locks), so
     * a second completion of an upload waits for the first and then finds it completed.
     */
    Lock upload(String uploadId) {
        return uploads[Math.floorMod(uploadId.hashCode(), KEY_STRIPES)];
    }

    /** Serialises this process's read-modify-write updates of a bucket's bucket.json. */
    Lock settings(String bucket) {
        return settings.computeIfAbsent(bucket, b -> new ReentrantLock());
    }

    Lock commit(String bucket) {
        return lock(bucket).readLock();
    }

    Lock delete(String bucket) {
        return lock(bucket).writeLock();
    }

    private ReentrantReadWriteLock lock(String bucket) {
        return locks.computeIfAbsent(bucket, b -> new ReentrantReadWriteLock());
    }
}
