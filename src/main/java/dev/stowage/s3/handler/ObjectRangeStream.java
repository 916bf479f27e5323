package dev.stowage.s3.handler;

import dev.stowage.store.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** The bytes {@code [offset, offset + length)} of an open object, as a stream (copies that pass bytes through). */
final class ObjectRangeStream extends InputStream {
    private final ObjectReader source;
    private long position;
    private long remaining;

    ObjectRangeStream(ObjectReader source, long offset, long length) {
        this.source = source;
        this.position = offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = source.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            throw new IOException("source object shorter than its header says");
        }
        position += n;
        remaining -= n;
        return n;
    }
}
