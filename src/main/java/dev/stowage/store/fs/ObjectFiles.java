package dev.stowage.store.fs;

import dev.stowage.store.ObjectInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads object files: the header with one small read, and an open handle for the bytes. A file that is not
 * in our format counts as absent and is logged once.
 */
final class ObjectFiles {
    private static final Logger LOG = Logger.getLogger(ObjectFiles.class);
    static final int FIRST_READ = 4096;
    /**
     * What {@link #open} reads first: the header and, for objects up to about 7.5 KiB, all of their bytes, which
     * the reader then serves without reading the file again.
     */
    static final int OPEN_READ = 8192;
    private static final int MAX_LOGGED = 10_000;

    private final Set<Path> loggedCorrupt = ConcurrentHashMap.newKeySet();
    /** Every read of an object file is a read to this guard, from before the open until the descriptor closes. */
    private final ReadGuard guard;

    ObjectFiles(ReadGuard guard) {
        this.guard = guard;
    }

    /** The header of an object file, or null when there is no such (readable) file. */
    ObjectInfo readInfo(Path file) throws IOException {
        return readInfo(file, ByteBuffer.allocate(FIRST_READ));
    }

    /**
     * As {@link #readInfo(Path)}, reading through {@code scratch} (of at least {@link #FIRST_READ} bytes; a
     * direct buffer saves a copy), which a caller reading many headers reuses.
     */
    ObjectInfo readInfo(Path file, ByteBuffer scratch) throws IOException {
        int token = guard.enter();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(channel, file, scratch.clear()).info();
        } catch (NoSuchFileException | CorruptObjectException e) {
            return null;
        } finally {
            guard.exit(token);
        }
    }

    /**
     * Opens an object file for reading, or returns null when there is no such (readable) file. The first read
     * takes up to {@link #OPEN_READ} bytes; the object's bytes among them are kept by the reader, and when they are
     * all there the file's length needs no further check.
     */
    FsObjectReader open(Path file) throws IOException {
        int token = guard.enter();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            guard.exit(token);
            return null;
        } catch (IOException | RuntimeException | Error e) {
            guard.exit(token);
            throw e;
        }
        try {
            ByteBuffer first = ByteBuffer.allocate(OPEN_READ);
            Parsed parsed = parse(channel, file, first);
            long size = parsed.info().size();
            long end = parsed.headerLength() + size;
            int read = parsed.firstRead();
            if (read < end && channel.size() < end) {
                reportCorrupt(file, new CorruptObjectException("file shorter than its header says"));
                close(channel, token);
                return null;
            }
            int prefixEnd = (int) Math.min(read, end);
            ByteBuffer prefix = prefixEnd > parsed.headerLength()
                    ? ByteBuffer.wrap(first.array(), parsed.headerLength(), prefixEnd - parsed.headerLength()).slice()
                    : null;
            return new FsObjectReader(channel, parsed.info(), parsed.headerLength(), prefix, guard, token);
        } catch (CorruptObjectException e) {
            close(channel, token);
            return null;
        } catch (IOException | RuntimeException | Error e) {
            close(channel, token);
            throw e;
        }
    }

    private void close(FileChannel channel, int token) throws IOException {
        try {
            channel.close();
        } finally {
            guard.exit(token);
        }
    }

    /** A parsed header; {@code firstRead}: how many bytes from the file's start the first buffer received. */
    private record Parsed(ObjectInfo info, int headerLength, int firstRead) {}

    private Parsed parse(FileChannel channel, Path file, ByteBuffer first) throws IOException {
        try {
            ByteBuffer buf = first;
            readFully(channel, buf, 0, ObjectHeader.PREAMBLE);
            int firstRead = buf.position();
            int length = ObjectHeader.length(buf.flip());
            if (length > buf.limit()) {
                ByteBuffer whole = ByteBuffer.allocate(length);
                whole.put(buf);
                readFully(channel, whole, whole.position(), length);
                buf = whole.flip();
            }
            return new Parsed(ObjectHeader.parse(buf), length, firstRead);
        } catch (CorruptObjectException e) {
            reportCorrupt(file, e);
            throw e;
        }
    }

    /** Reads at {@code position} until {@code dst} holds at least {@code atLeast} bytes or is full. */
    private static void readFully(FileChannel channel, ByteBuffer dst, long position, int atLeast)
            throws IOException {
        long pos = position;
        while (dst.position() < atLeast && dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new CorruptObjectException("file ends inside its header");
            }
            pos += n;
        }
    }

    private void reportCorrupt(Path file, CorruptObjectException e) {
        if (loggedCorrupt.size() < MAX_LOGGED && loggedCorrupt.add(file)) {
            LOG.warnf("Ignoring corrupt object file %s: %s", file, e.getMessage());
        }
    }
}
