package dev.stowage.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids as S3 shows them (x-amz-request-id, RequestId in errors): 16 upper-case hex digits, a random
 * prefix per server (so replicas' ids differ) then a sequence number. Made by hand: a {@code String.format} per
 * request cost more than the rest of a small GET's request-line handling.
 */
public final class RequestIds {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final int prefix = ThreadLocalRandom.current().nextInt();
    private final AtomicLong sequence = new AtomicLong();

    /** The next id: the prefix's 8 digits, then the low 32 bits of the sequence as 8 digits. */
    public String next() {
        long id = ((long) prefix << 32) | (sequence.incrementAndGet() & 0xFFFFFFFFL);
        byte[] digits = new byte[16];
        for (int i = 15; i >= 0; i--) {
            digits[i] = HEX[(int) (id & 0xF)];
            id >>>= 4;
        }
        return new String(digits, StandardCharsets.US_ASCII);
    }
}
