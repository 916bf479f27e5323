package dev.stowage.store.fs;

import dev.stowage.store.ListPage;
import dev.stowage.store.ListPage.ListEntry;
import dev.stowage.store.ObjectInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Lists one page of keys in UTF-8 binary order, touching only what the page needs.
 *
 * <p>The walk starts at the directory of the prefix's complete segments. Every directory entry stands for a
 * range of keys with a known smallest member (its <em>bound</em>): an object file for its key, a child
 * directory {@code E} for keys starting {@code dec(E)/}, a continuation directory for keys starting
 * {@code dec(E)} and longer. These ranges interleave ({@code a-c < a/b < a0}), so the entries of the
 * directories opened so far are merged lazily: a heap of directory cursors ordered by their next bound; a
 * directory is read only when its bound reaches the head. Entries the request cannot want are dropped as a
 * directory is read; a directory whose whole range rolls up into one common prefix becomes that prefix
 * without being read (after checking it holds an object); headers are read only for objects returned; the
 * walk stops at the first entry past the page.
 */
final class KeyLister {
    private static final Comparator<Entry> ORDER =
            Comparator.<Entry, byte[]>comparing(e -> e.bound, Bytes::compare).thenComparing(e -> e.kind);

    /** One directory entry: its kind, its name and the smallest key it can hold. */
    private record Entry(byte[] bound, NameCodec.Kind kind, String name) {}

    /** A directory's wanted entries in order, consumed from the front. */
    private static final class Cursor {
        final Path dir;
        final Entry[] entries;
        int next;

        Cursor(Path dir, Entry[] entries) {
            this.dir = dir;
            this.entries = entries;
        }

        Entry head() {
            return entries[next];
        }
    }

    private final Path objectsDir;
    private final ListingFilter filter;
    private final ObjectFiles files;
    private final int maxKeys;
    private final PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) -> ORDER.compare(a.head(), b.head()));
    private final List<ListEntry> page = new ArrayList<>();
    private byte[] lastPrefix;
    private byte[] lastKey;

    KeyLister(Path objectsDir, ListingFilter filter, ObjectFiles files, int maxKeys) {
        this.objectsDir = objectsDir;
        this.filter = filter;
        this.files = files;
        this.maxKeys = maxKeys;
    }

    ListPage list() throws IOException {
        if (maxKeys <= 0) {
            return new ListPage(List.of(), false, null);
        }
        byte[] prefix = filter.prefix();
        int complete = KeyPaths.completeSegmentsLength(prefix);
        Path start = KeyPaths.resolve(objectsDir, KeyPaths.directoryOf(prefix, complete));
        open(start, Arrays.copyOf(prefix, complete));
        while (!heap.isEmpty()) {
            Cursor cursor = heap.poll();
            Entry entry = cursor.head();
            if (++cursor.next < cursor.entries.length) {
                heap.add(cursor);
            }
            if (!take(cursor.dir, entry)) {
                String last = page.getLast().key();
                return new ListPage(List.copyOf(page), true, last);
            }
        }
        return new ListPage(List.copyOf(page), false, null);
    }

    /** Handles the next entry in key order; false when it would be one past the page. */
    private boolean take(Path dir, Entry entry) throws IOException {
        byte[] common = filter.commonPrefixOf(entry.bound);
        if (entry.kind == NameCodec.Kind.OBJECT) {
            if (common != null) {
                return addPrefix(common);
            }
            if (Arrays.equals(entry.bound, lastKey)) {
                return true;
            }
            if (page.size() == maxKeys) {
                return false;
            }
            String key = Bytes.string(entry.bound);
            ObjectInfo info = files.readInfo(dir.resolve(entry.name));
            if (info != null) { // else deleted since the directory was read
                if (!info.key().equals(key)) {
                    info = new ObjectInfo(key, info.size(), info.etag(), info.lastModified(), info.attributes());
                }
                page.add(new ListEntry(key, info));
                lastKey = entry.bound;
            }
            return true;
        }
        Path sub = dir.resolve(entry.name);
        if (common != null) { // the whole directory rolls up into one common prefix
            if (Arrays.equals(common, lastPrefix) || !FileTrees.containsObject(sub)) {
                return true;
            }
            return addPrefix(common);
        }
        open(sub, entry.bound);
        return true;
    }

    private boolean addPrefix(byte[] common) {
        if (Arrays.equals(common, lastPrefix)) {
            return true;
        }
        if (page.size() == maxKeys) {
            return false;
        }
        page.add(new ListEntry(Bytes.string(common), null));
        lastPrefix = common;
        return true;
    }

    /** Reads a directory whose keys all start with {@code keyPrefix} and queues its wanted entries. */
    private void open(Path dir, byte[] keyPrefix) throws IOException {
        List<Entry> wanted = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir)) {
            for (Path p : names) {
                String name = p.getFileName().toString();
                NameCodec.Kind kind = NameCodec.kind(name);
                if (kind == NameCodec.Kind.OTHER) {
                    continue;
                }
                byte[] bound = NameCodec.decode(name, NameCodec.escapedLength(name, kind), keyPrefix,
                        kind == NameCodec.Kind.DIRECTORY ? '/' : -1);
                if (bound == null) {
                    continue;
                }
                boolean want = kind == NameCodec.Kind.OBJECT ? filter.wantsKey(bound) : filter.mayWantRange(bound);
                if (want) {
                    wanted.add(new Entry(bound, kind, name));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return; // removed meanwhile: nothing there
        }
        if (!wanted.isEmpty()) {
            Entry[] entries = wanted.toArray(new Entry[0]);
            Arrays.sort(entries, ORDER);
            heap.add(new Cursor(dir, entries));
        }
    }
}
