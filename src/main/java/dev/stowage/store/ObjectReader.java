package dev.stowage.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** An open object: its metadata and positional reads of its bytes, pinned to the version that was opened. */
public interface ObjectReader extends Closeable {

    ObjectInfo info();

    /**
     * Reads bytes of the object starting at {@code position} (0 = first byte of the object) into {@code dst};
     * returns the number read, or -1 at the end.
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * A file that holds exactly this version's bytes from {@code dataStart} on and stays so while this reader is
     * open, for sending it without copying (sendfile); null when there is none.
     */
    default ObjectFile file() {
        return null;
    }

    /** An object's bytes in a file: object byte {@code n} is file byte {@code dataStart + n}. */
    record ObjectFile(Path path, long dataStart) {}
}
