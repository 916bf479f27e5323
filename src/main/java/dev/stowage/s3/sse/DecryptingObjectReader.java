package dev.stowage.s3.sse;

import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * An SSE-C object read as plaintext: each positional read decrypts the stored bytes at their position (counter
 * mode needs nothing before them). An object completed from a multipart upload is made of segments, its parts,
 * each encrypted from its own IV: a read stops at a segment's end. It offers no file to send as it is, so the bytes
 * always pass through here.
 */
final class DecryptingObjectReader implements ObjectReader {
    private final ObjectReader stored;
    private final CustomerKey key;
    private final long[] starts;
    private final byte[][] ivs;

    /** {@code starts[i]} is where segment {@code i}, encrypted from {@code ivs[i]}, begins (the first at 0). */
    DecryptingObjectReader(ObjectReader stored, CustomerKey key, long[] starts, byte[][] ivs) {
        this.stored = stored;
        this.key = key;
        this.starts = starts;
        this.ivs = ivs;
    }

    @Override
    public ObjectInfo info() {
        return stored.info();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int segment = Arrays.binarySearch(starts, position);
        if (segment < 0) {
            segment = -segment - 2;
        }
        long segmentEnd = segment + 1 < starts.length ? starts[segment + 1] : Long.MAX_VALUE;
        int wanted = (int) Math.min(dst.remaining(), segmentEnd - position);
        ByteBuffer cipherText = ByteBuffer.allocate(wanted);
        int n = stored.read(cipherText, position);
        if (n <= 0) {
            return n;
        }
        cipherText.flip();
        try {
            return key.cipherAt(ivs[segment], position - starts[segment], Cipher.DECRYPT_MODE).update(cipherText, dst);
        } catch (GeneralSecurityException e) {
            throw new IOException("decrypting the object failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        stored.close();
    }
}
