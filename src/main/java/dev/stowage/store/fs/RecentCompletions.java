package dev.stowage.store.fs;

import dev.stowage.store.ObjectInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last uploads this process completed, so that a completion that lost the race to another of the same upload
 * (a client's retry, say) gets the winner's answer as AWS gives it rather than NoSuchUpload. Bounded: the oldest
 * are forgotten first; another process's completions are not known here.
 */
final class RecentCompletions {
    private static final int CAPACITY = 1024;

    private record Completed(String bucket, String key, ObjectInfo info) {}

    private final Map<String, Completed> byUploadId = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Completed> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void put(String bucket, String key, String uploadId, ObjectInfo info) {
        byUploadId.put(uploadId, new Completed(bucket, key, info));
    }

    /** The object a completion of that upload made, or null. */
    synchronized ObjectInfo get(String bucket, String key, String uploadId) {
        Completed c = byUploadId.get(uploadId);
        return c != null && c.bucket().equals(bucket) && c.key().equals(key) ? c.info() : null;
    }
}
