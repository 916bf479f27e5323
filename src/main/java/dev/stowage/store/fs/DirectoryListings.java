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
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads directories of the key tree into entries sorted by bound, and keeps the sorted entries of large
 * directories that have been quiet for a while.
 *
 * <p>A kept listing is reused while the directory's modification time and identity (inode) are unchanged. That
 * is safe only if every change moves the modification time, which coarse timestamps (a clock tick, up to a
 * second on some filesystems) do not promise for changes close together. So a listing is kept only when the
 * directory had not changed for {@link #QUIET_MILLIS} before it was read (checked after reading): any change
 * during or after the read then happens at a visibly later time. This relies on the filesystem's clock being this host's clock (a local filesystem).
 */
final class DirectoryListings {
    static final long QUIET_MILLIS = 2_000;

    private record Kept(DirEntry[] entries, FileTime modified, Object fileKey) {}

    private final int minEntriesToKeep;
    private final int maxEntriesKept;
    private final Map<Path, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
    private int entriesKept;

    /**
     * @param minEntriesToKeep smaller directories are read each time (cheap anyway)
     * @param maxEntriesKept bound on the entries kept over all directories; 0 keeps nothing
     */
    DirectoryListings(int minEntriesToKeep, int maxEntriesKept) {
        this.minEntriesToKeep = minEntriesToKeep;
        this.maxEntriesKept = maxEntriesKept;
    }

    /**
     * The entries of {@code dir}, whose keys all start with {@code keyPrefix}, sorted by bound; empty when the
     * directory is gone. The caller must not modify the array.
     */
    DirEntry[] read(Path dir, byte[] keyPrefix) throws IOException {
        Kept k = maxEntriesKept > 0 ? lookup(dir) : null;
        if (k != null) {
            BasicFileAttributes attrs = attributes(dir);
            if (attrs == null) {
                return new DirEntry[0];
            }
            if (k.modified().equals(attrs.lastModifiedTime()) && Objects.equals(k.fileKey(), attrs.fileKey())) {
                return k.entries();
            }
        }
        long readAt = System.currentTimeMillis();
        DirEntry[] entries = readSorted(dir, keyPrefix);
        if (entries.length >= minEntriesToKeep && entries.length <= maxEntriesKept) {
            // looked at after reading: a change made during or after the read has a time close to readAt,
            // so a directory that still looks quiet did not change since before the read began
            BasicFileAttributes attrs = attributes(dir);
            if (attrs != null && attrs.fileKey() != null
                    && readAt - attrs.lastModifiedTime().toMillis() > QUIET_MILLIS) {
                keep(dir, new Kept(entries, attrs.lastModifiedTime(), attrs.fileKey()));
            }
        }
        return entries;
    }

    private static BasicFileAttributes attributes(Path dir) throws IOException {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static DirEntry[] readSorted(Path dir, byte[] keyPrefix) throws IOException {
        List<DirEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path p : names) {
                String name = p.getFileName().toString();
                NameCodec.Kind kind = NameCodec.kind(name);
                if (kind == NameCodec.Kind.OTHER) {
                    continue;
                }
                byte[] bound = NameCodec.decode(name, NameCodec.escapedLength(name, kind), keyPrefix,
                        kind == NameCodec.Kind.DIRECTORY ? '/' : -1);
                if (bound != null) {
                    entries.add(new DirEntry(bound, kind, name));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new DirEntry[0]; // removed meanwhile: nothing there
        }
        DirEntry[] sorted = entries.toArray(new DirEntry[0]);
        Arrays.sort(sorted, DirEntry.ORDER);
        return sorted;
    }

    private synchronized Kept lookup(Path dir) {
        return kept.get(dir);
    }

    private synchronized void keep(Path dir, Kept k) {
        Kept old = kept.put(dir, k);
        entriesKept += k.entries().length - (old == null ? 0 : old.entries().length);
        Iterator<Kept> eldest = kept.values().iterator();
        while (entriesKept > maxEntriesKept && eldest.hasNext()) {
            entriesKept -= eldest.next().entries().length;
            eldest.remove();
        }
    }
}
