package dev.stowage.store.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a directory of the key tree holds an object: for listings with a delimiter (each subdirectory that rolls
 * up into a common prefix counts only if an object lies below it) and for DeleteBucket (BucketNotEmpty). Looks at a
 * directory's own names before descending. A directory found holding an object file itself
 * is remembered with its modification time and identity (inode): removing the last such file moves the
 * modification time, so while both are unchanged the next listing answers with one stat instead of reading the
 * directory. As in {@link DirectoryListings}, the fact is kept only when the directory had been quiet for
 * {@link DirectoryListings#QUIET_MILLIS} when it was read, so coarse timestamps cannot hide a later change.
 */
final class ObjectPresence {
    private record Seen(FileTime modified, Object fileKey) {}

    private final int maxKept;
    private final Map<Path, Seen> kept = new LinkedHashMap<>(64, 0.75f, true);

    /** @param maxKept how many directories' facts are kept (least recently used go first); 0 keeps none */
    ObjectPresence(int maxKept) {
        this.maxKept = maxKept;
    }

    /** Whether {@code dir} or a directory below it holds at least one object file; false when it is gone. */
    boolean containsObject(Path dir) throws IOException {
        Seen seen = maxKept > 0 ? lookup(dir) : null;
        if (seen != null) {
            BasicFileAttributes attrs = attributes(dir);
            if (attrs == null) {
                return false;
            }
            if (seen.modified().equals(attrs.lastModifiedTime()) && Objects.equals(seen.fileKey(), attrs.fileKey())) {
                return true;
            }
        }
        long readAt = System.currentTimeMillis();
        List<Path> subdirs = new ArrayList<>();
        boolean direct = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                switch (NameCodec.kind(name)) {
                    case OBJECT -> direct = true;
                    case DIRECTORY, CONTINUATION -> subdirs.add(entry);
                    case OTHER -> {}
                }
                if (direct) {
                    break;
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false;
        }
        if (direct) {
            remember(dir, readAt);
            return true;
        }
        for (Path sub : subdirs) {
            if (containsObject(sub)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps "holds an object" for {@code dir} if it still looks as it did, quiet since before the read. */
    private void remember(Path dir, long readAt) throws IOException {
        if (maxKept <= 0) {
            return;
        }
        // looked at after reading: a change made during or after the read has a time close to readAt
        BasicFileAttributes attrs = attributes(dir);
        if (attrs != null && attrs.fileKey() != null
                && readAt - attrs.lastModifiedTime().toMillis() > DirectoryListings.QUIET_MILLIS) {
            keep(dir, new Seen(attrs.lastModifiedTime(), attrs.fileKey()));
        }
    }

    private static BasicFileAttributes attributes(Path dir) throws IOException {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private synchronized Seen lookup(Path dir) {
        return kept.get(dir);
    }

    private synchronized void keep(Path dir, Seen seen) {
        kept.put(dir, seen);
        Iterator<Seen> eldest = kept.values().iterator();
        while (kept.size() > maxKept && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
