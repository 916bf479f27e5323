package dev.stowage.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** An open object: its metadata and positional reads of its bytes, pinned to the version that was opened. */
public interface ObjectReader extends Closeable {

    ObjectInfo info();

    /**
     * Reads bytes of the object starting at {@code position} (0 = first byte of the object) into {@code dst};
     * returns the number read, or -1 at the end.
     */
    int read(ByteBuffer dst, long position) throws IOException;
}
