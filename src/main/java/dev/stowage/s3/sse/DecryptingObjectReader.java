package dev.stowage.s3.sse;

import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * An SSE-C object read as plaintext: each positional read decrypts the stored bytes at their position (counter
 * mode needs nothing before them). It offers no file to send as it is, so the bytes always pass through here.
 */
final class DecryptingObjectReader implements ObjectReader {
    private final ObjectReader stored;
    private final CustomerKey key;
    private final byte[] iv;

    DecryptingObjectReader(ObjectReader stored, CustomerKey key, byte[] iv) {
        this.stored = stored;
        this.key = key;
        this.iv = iv;
    }

    @Override
    public ObjectInfo info() {
        return stored.info();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        ByteBuffer cipherText = ByteBuffer.allocate(dst.remaining());
        int n = stored.read(cipherText, position);
        if (n <= 0) {
            return n;
        }
        cipherText.flip();
        try {
            return key.cipherAt(iv, position, Cipher.DECRYPT_MODE).update(cipherText, dst);
        } catch (GeneralSecurityException e) {
            throw new IOException("decrypting the object failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        stored.close();
    }
}
