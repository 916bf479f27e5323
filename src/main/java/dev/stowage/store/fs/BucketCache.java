package dev.stowage.store.fs;

import dev.stowage.store.BucketInfo;
import dev.stowage.store.NoSuchBucketException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parsed {@code bucket.json} files by bucket name. Bucket facts are needed on every request, so an entry is
 * trusted for a short time; after that a single stat tells whether {@code bucket.json} is still the same file
 * (a re-created bucket is a new directory, hence a new file). This process's own creates and deletes apply at
 * once; another process's are seen within the trust time.
 */
final class BucketCache {
    private record Entry(BucketInfo info, Object fileKey, long checkedAt) {}

    private final DataLayout layout;
    private final long trustNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every own create and delete, so a load racing with one does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    BucketCache(DataLayout layout, long trustNanos) {
        this.layout = layout;
        this.trustNanos = trustNanos;
    }

    /** The bucket's facts, or {@link NoSuchBucketException}. */
    BucketInfo get(String bucket) throws IOException {
        Entry cached = entries.get(bucket);
        long now = System.nanoTime();
        if (cached != null && now - cached.checkedAt() < trustNanos) {
            return cached.info();
        }
        long seen = generation.get();
        Path file = layout.bucketFile(bucket);
        Entry fresh;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            Object fileKey = attrs.fileKey();
            if (cached != null && fileKey != null && Objects.equals(fileKey, cached.fileKey())) {
                fresh = new Entry(cached.info(), fileKey, now);
            } else {
                fresh = new Entry(read(file), fileKey, now);
            }
        } catch (NoSuchFileException e) {
            entries.remove(bucket);
            throw new NoSuchBucketException(bucket);
        }
        entries.compute(bucket, (k, v) -> generation.get() == seen ? fresh : v);
        return fresh.info();
    }

    /** Records a bucket this process just created. */
    void created(BucketInfo info) throws IOException {
        remember(info);
    }

    /** Records new facts of a bucket this process just rewrote. */
    void updated(BucketInfo info) throws IOException {
        remember(info);
    }

    private void remember(BucketInfo info) throws IOException {
        Object fileKey;
        try {
            fileKey = Files.readAttributes(layout.bucketFile(info.name()), BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            deleted(info.name()); // deleted again at once, by another process
            return;
        }
        Entry entry = new Entry(info, fileKey, System.nanoTime());
        entries.compute(info.name(), (k, v) -> {
            generation.incrementAndGet();
            return entry;
        });
    }

    /** Forgets a bucket this process just deleted. */
    void deleted(String bucket) {
        entries.compute(bucket, (k, v) -> {
            generation.incrementAndGet();
            return null;
        });
    }

    /** Reads a bucket.json without caching it. */
    static BucketInfo read(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        try {
            return BucketFile.decode(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
