package dev.stowage.store.fs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps this process's commits out of a bucket while it is being deleted: a put holds the shared lock only
 * while renaming its object into place, deleteBucket the exclusive one from its emptiness check to the
 * bucket's removal. So an object whose put returned is never lost with a bucket deleted at the same moment.
 */
final class BucketLocks {
    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

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
