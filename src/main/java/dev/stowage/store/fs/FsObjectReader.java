package dev.stowage.store.fs;

import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An object file held open: later overwrites and deletes replace or unlink the name, not this file, so the
 * reader keeps the version it opened.
 */
final class FsObjectReader implements ObjectReader {
    private final FileChannel channel;
    private final ObjectInfo info;
    private final long dataStart;
    /** The object's first bytes, read with its header (position 0 to limit), or null. */
    private final ByteBuffer prefix;
    /** A private hard link to the opened file, removed on close; null when none was made. */
    private Path link;
    /** The read this reader is to the {@link ReadGuard}, ended on close (or once a link keeps the file). */
    private ReadGuard guard;
    private final int guardToken;

    FsObjectReader(FileChannel channel, ObjectInfo info, long dataStart, ByteBuffer prefix, ReadGuard guard,
            int guardToken) {
        this.channel = channel;
        this.info = info;
        this.dataStart = dataStart;
        this.prefix = prefix;
        this.guard = guard;
        this.guardToken = guardToken;
    }

    /**
     * This reader, which now owns {@code link}, a hard link to the file it has open: while the link exists the
     * file has two names and is never reused, so the read no longer needs the guard.
     */
    FsObjectReader linkedAt(Path link) {
        this.link = link;
        releaseGuard();
        return this;
    }

    private void releaseGuard() {
        ReadGuard g = guard;
        if (g != null) {
            guard = null;
            g.exit(guardToken);
        }
    }

    @Override
    public ObjectFile file() {
        return link == null ? null : new ObjectFile(link, dataStart);
    }

    @Override
    public ObjectInfo info() {
        return info;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        long left = info.size() - position;
        if (left <= 0) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (prefix != null && position < prefix.limit()) {
            int n = (int) Math.min(dst.remaining(), prefix.limit() - position);
            dst.put(dst.position(), prefix, (int) position, n);
            dst.position(dst.position() + n);
            return n;
        }
        int limit = dst.limit();
        dst.limit(dst.position() + (int) Math.min(dst.remaining(), left));
        try {
            return channel.read(dst, dataStart + position);
        } finally {
            dst.limit(limit);
        }
    }

    /** The open file, header included. */
    FileChannel channel() {
        return channel;
    }

    /** Where the object's bytes start in the file: the header's length. */
    long dataStart() {
        return dataStart;
    }

    /**
     * Appends {@code count} bytes of the object from {@code position} to {@code target} at its current position,
     * file to file in the kernel where it can (copy_file_range), never through the heap.
     */
    void transferTo(long position, long count, FileChannel target) throws IOException {
        if (position < 0 || count < 0 || position + count > info.size()) {
            throw new IllegalArgumentException("range outside the object");
        }
        long done = 0;
        while (done < count) {
            long n = channel.transferTo(dataStart + position + done, count - done, target);
            if (n <= 0) {
                throw new IOException("object file ended early while copying");
            }
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            releaseGuard();
            if (link != null) {
                DurableFiles.deleteQuietly(link);
            }
        }
    }
}
