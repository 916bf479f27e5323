package dev.stowage.store.fs;

import dev.stowage.store.ListPage;
import dev.stowage.store.ListPage.ListEntry;
import dev.stowage.store.ObjectInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** A directory's wanted entries in order, consumed from the front. */
    private static final class Cursor {
        final Path dir;
        final DirEntry[] entries;
        int next;

        Cursor(Path dir, DirEntry[] entries) {
            this.dir = dir;
            this.entries = entries;
        }

        DirEntry head() {
            return entries[next];
        }
    }

    private final Path objectsDir;
    private final ListingFilter filter;
    private final ObjectFiles files;
    private final DirectoryListings listings;
    private final ObjectPresence presence;
    private final int maxKeys;
    private final PriorityQueue<Cursor> heap =
            new PriorityQueue<>((a, b) -> DirEntry.ORDER.compare(a.head(), b.head()));
    private final List<ListEntry> page = new ArrayList<>();
    private final ByteBuffer headerBuffer = ByteBuffer.allocateDirect(ObjectFiles.FIRST_READ);
    private byte[] lastPrefix;
    private byte[] lastKey;

    KeyLister(Path objectsDir, ListingFilter filter, ObjectFiles files, DirectoryListings listings,
            ObjectPresence presence, int maxKeys) {
        this.objectsDir = objectsDir;
        this.filter = filter;
        this.files = files;
        this.listings = listings;
        this.presence = presence;
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
            DirEntry entry = cursor.head();
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
    private boolean take(Path dir, DirEntry entry) throws IOException {
        byte[] common = filter.commonPrefixOf(entry.bound());
        if (entry.isObject()) {
            if (common != null) {
                return addPrefix(common);
            }
            if (Arrays.equals(entry.bound(), lastKey)) {
                return true;
            }
            if (page.size() == maxKeys) {
                return false;
            }
            String key = Bytes.string(entry.bound());
            ObjectInfo info = files.readInfo(dir.resolve(entry.name()), headerBuffer);
            if (info != null) { // else deleted since the directory was read
                if (!info.key().equals(key)) {
                    info = new ObjectInfo(key, info.size(), info.etag(), info.lastModified(), info.attributes());
                }
                page.add(new ListEntry(key, info));
                lastKey = entry.bound();
            }
            return true;
        }
        Path sub = dir.resolve(entry.name());
        if (common != null) { // the whole directory rolls up into one common prefix
            if (Arrays.equals(common, lastPrefix) || !presence.containsObject(sub)) {
                return true;
            }
            return addPrefix(common);
        }
        open(sub, entry.bound());
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

    /** Reads a directory whose keys all start with {@code keyPrefix} and queues the entries the request wants. */
    private void open(Path dir, byte[] keyPrefix) throws IOException {
        DirEntry[] all = listings.read(dir, keyPrefix);
        DirEntry[] wanted = new DirEntry[all.length];
        int n = 0;
        for (DirEntry e : all) {
            if (e.isObject() ? filter.wantsKey(e.bound()) : filter.mayWantRange(e.bound())) {
                wanted[n++] = e;
            }
        }
        if (n > 0) {
            heap.add(new Cursor(dir, n == all.length ? wanted : Arrays.copyOf(wanted, n)));
        }
    }
}
