package dev.stowage.store.fs;

import dev.stowage.store.BadDigestException;
import dev.stowage.store.IncompleteBodyException;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Streams a put's body into a new object file, computing its MD5 on the way (on another thread, beside the
 * writing, once the body is larger than one buffer). The header's length is known up front (only size, digest
 * and time are missing), so the bytes go right after it and the header is written last; a body that fits one
 * buffer goes out with its header in a single write. The declared length (when known; a body longer or shorter
 * is an {@link IncompleteBodyException}) and digest are checked before the file can become visible. System facts
 * known only after the body (a trailer's checksum) are asked of {@code trailingFacts} at the end and written into
 * room reserved in the header for them.
 */
final class ObjectBodyWriter implements DurableFiles.Content<ObjectInfo> {
    private static final int MIN_BUFFER = 8 * 1024;
    private static final int MAX_BUFFER = 512 * 1024;
    private static final int UNKNOWN_LENGTH_BUFFER = 128 * 1024;
    /** Header room kept for trailing facts: a checksum's name and value, and its type, with their lengths. */
    private static final int TRAILING_FACTS_ROOM = 256;
    /**
     * Buffers besides the one being filled, for a body larger than one buffer: its MD5 is computed on another
     * thread ({@link DigestPipeline}) while the next buffer is received and written.
     */
    private static final int PIPELINE_SPARES = 2;

    private final String key;
    private final byte[] keyBytes;
    private final InputStream data;
    private final long expectedLength;
    private final byte[] expectedMd5;
    private final ObjectAttributes attributes;
    private final Clock clock;
    private final Supplier<Map<String, String>> trailingFacts;
    private ObjectAttributes written;

    ObjectBodyWriter(String key, byte[] keyBytes, InputStream data, long expectedLength, byte[] expectedMd5,
            ObjectAttributes attributes, Clock clock) {
        this(key, keyBytes, data, expectedLength, expectedMd5, attributes, clock, null);
    }

    /** @param trailingFacts system facts to add once the body has been read; null for none */
    ObjectBodyWriter(String key, byte[] keyBytes, InputStream data, long expectedLength, byte[] expectedMd5,
            ObjectAttributes attributes, Clock clock, Supplier<Map<String, String>> trailingFacts) {
        this.trailingFacts = trailingFacts;
        this.key = key;
        this.keyBytes = keyBytes;
        this.data = data;
        this.expectedLength = expectedLength;
        this.expectedMd5 = expectedMd5;
        this.attributes = attributes == null ? ObjectAttributes.NONE : attributes;
        this.clock = clock;
    }

    @Override
    public ObjectInfo writeTo(FileChannel channel) throws IOException {
        byte[] header = ObjectHeader.template(keyBytes, attributes, 0);
        if (trailingFacts != null) {
            header = ObjectHeader.template(keyBytes, attributes, header.length + TRAILING_FACTS_ROOM);
        }
        MessageDigest md5 = newMd5();
        byte[] buf = new byte[bufferSize()];
        int n = fill(buf);
        if (n < buf.length) {
            md5.update(buf, 0, n);
            header = withTrailingFacts(header);
            ObjectInfo info = finish(header, n, md5.digest());
            writeFully(channel, new ByteBuffer[] {ByteBuffer.wrap(header), ByteBuffer.wrap(buf, 0, n)});
            return info;
        }
        long size = 0;
        byte[] digest;
        try (EarlyFlush flush = new EarlyFlush(channel)) {
            DigestPipeline digests = new DigestPipeline(md5, buf.length, PIPELINE_SPARES);
            while (n > 0) {
                digests.digest(buf, n);
                writeFully(channel, ByteBuffer.wrap(buf, 0, n), header.length + size);
                size += n;
                flush.written(n);
                if (n < buf.length) {
                    break;
                }
                buf = digests.nextBuffer();
                n = fill(buf);
            }
            digest = digests.finish();
        }
        header = withTrailingFacts(header);
        ObjectInfo info = finish(header, size, digest);
        writeFully(channel, ByteBuffer.wrap(header), 0);
        return info;
    }

    /** The header re-rendered with the trailing facts, as long as the template whose room they take. */
    private byte[] withTrailingFacts(byte[] template) {
        written = attributes;
        Map<String, String> late = trailingFacts == null ? null : trailingFacts.get();
        if (late == null || late.isEmpty()) {
            return template;
        }
        Map<String, String> system = new LinkedHashMap<>(attributes.system());
        system.putAll(late);
        written = attributes.withSystem(system);
        byte[] header = ObjectHeader.template(keyBytes, written, template.length);
        if (header.length != template.length) {
            throw new IllegalStateException("trailing facts exceed the room reserved for them");
        }
        return header;
    }

    /** Checks length and digest and fills in the header. */
    private ObjectInfo finish(byte[] header, long size, byte[] digest) {
        if (expectedLength >= 0 && size != expectedLength) {
            throw new IncompleteBodyException(key);
        }
        if (expectedMd5 != null && !MessageDigest.isEqual(digest, expectedMd5)) {
            throw new BadDigestException(key);
        }
        long modified = clock.millis();
        ObjectHeader.complete(header, size, digest, modified);
        return new ObjectInfo(key, size,
                written.system().getOrDefault(ObjectAttributes.ETAG, HexFormat.of().formatHex(digest)), Instant.ofEpochMilli(modified),
                written);
    }

    private int bufferSize() {
        if (expectedLength < 0) {
            return UNKNOWN_LENGTH_BUFFER;
        }
        // one more than announced, so a body of exactly that length is known to have ended after one fill
        return (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, expectedLength + 1));
    }

    /** Reads until {@code buf} is full or the stream ends; returns the count. */
    private int fill(byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = data.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static void writeFully(FileChannel channel, ByteBuffer src, long position) throws IOException {
        long pos = position;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer[] srcs) throws IOException {
        long left = 0;
        for (ByteBuffer b : srcs) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= channel.write(srcs);
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
