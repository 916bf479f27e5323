package dev.stowage.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.sync.RequestBody;

/** Object bodies sent from one reusable array (no copy per request) and read back into a discarding buffer. */
final class Payload {
    private Payload() {}

    /** Incompressible bytes from a fixed seed. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }

    /** A request body that streams {@code bytes} afresh for every attempt without copying them. */
    static RequestBody body(byte[] bytes) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
                "application/octet-stream");
    }

    /** Reads the stream to its end into {@code discard}, closes it, and returns the byte count. */
    static long drain(InputStream in, byte[] discard) throws IOException {
        long total = 0;
        try (in) {
            for (int n; (n = in.read(discard)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
