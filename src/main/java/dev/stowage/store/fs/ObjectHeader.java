package dev.stowage.store.fs;

import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header at the start of every object file; the object's bytes follow it. Big-endian, strings as an int
 * byte count (-1 for null) and UTF-8:
 *
 * <pre>
 *  0 int    magic "STOW"
 *  4 short  format version (2; 1 is read too: it lacks the system facts)
 *  6 int    header length (the object's bytes start here)
 * 10 long   size
 * 18 16B    MD5 of the bytes (the ETag)
 * 34 long   last modified, epoch millis
 * 42 string key, then content-type, content-encoding, content-disposition, content-language,
 *           cache-control, expires; int count of user metadata, then name, value pairs in order;
 *           int count of system facts ({@link ObjectAttributes#system()}), then name, value pairs
 * </pre>
 *
 * Size, digest and time sit at fixed offsets, so a writer knows the header's length before the bytes arrive
 * and fills those fields in at the end. Zero bytes may follow the last field up to the header length: room a
 * writer reserves for facts known only after the bytes (see {@link #template(byte[], ObjectAttributes, int)}).
 */
final class ObjectHeader {
    static final int MAGIC = 0x53544F57;
    static final short VERSION = 2;
    private static final short VERSION_1 = 1;
    /** Enough to learn the header's length. */
    static final int PREAMBLE = 10;
    static final int MAX_LENGTH = 1 << 20;
    private static final int SIZE_AT = 10;
    private static final int MD5_AT = 18;
    private static final int MODIFIED_AT = 34;
    private static final int FIXED = 42;

    private ObjectHeader() {}

    /** A complete header but for size, digest and time, which {@link #complete} fills in. */
    static byte[] template(byte[] key, ObjectAttributes attributes) {
        return template(key, attributes, 0);
    }

    /**
     * As {@link #template(byte[], ObjectAttributes)}, at least {@code length} bytes long (zero padding), so a
     * header rendered later with more facts can take its place without moving the bytes after it.
     */
    static byte[] template(byte[] key, ObjectAttributes attributes, int length) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(FIXED + key.length + 128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeInt(0);
            out.write(new byte[FIXED - PREAMBLE]);
            out.writeInt(key.length);
            out.write(key);
            writeString(out, attributes.contentType());
            writeString(out, attributes.contentEncoding());
            writeString(out, attributes.contentDisposition());
            writeString(out, attributes.contentLanguage());
            writeString(out, attributes.cacheControl());
            writeString(out, attributes.expires());
            Map<String, String> meta = attributes.userMetadata() == null ? Map.of() : attributes.userMetadata();
            out.writeInt(meta.size());
            for (Map.Entry<String, String> e : meta.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            Map<String, String> system = attributes.system();
            out.writeInt(system.size());
            for (Map.Entry<String, String> e : system.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            if (bytes.size() < length) {
                out.write(new byte[length - bytes.size()]);
            }
            byte[] header = bytes.toByteArray();
            if (header.length > MAX_LENGTH) {
                throw new IllegalArgumentException("object metadata too large");
            }
            ByteBuffer.wrap(header).putInt(6, header.length);
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void complete(byte[] header, long size, byte[] md5, long lastModifiedMillis) {
        ByteBuffer b = ByteBuffer.wrap(header);
        b.putLong(SIZE_AT, size);
        b.put(MD5_AT, md5);
        b.putLong(MODIFIED_AT, lastModifiedMillis);
    }

    /**
     * A new header for the same bytes with other attributes: size, digest and modification time are copied from
     * {@code old} (a whole header, as {@link #parse} takes it).
     */
    static byte[] rebuild(ByteBuffer old, byte[] key, ObjectAttributes attributes) {
        byte[] header = template(key, attributes);
        byte[] md5 = new byte[16];
        old.get(MD5_AT, md5);
        complete(header, old.getLong(SIZE_AT), md5, old.getLong(MODIFIED_AT));
        return header;
    }

    /** The header's length, from at least {@link #PREAMBLE} bytes at the start of a file. */
    static int length(ByteBuffer start) throws CorruptObjectException {
        if (start.limit() < PREAMBLE || start.getInt(0) != MAGIC) {
            throw new CorruptObjectException("bad magic");
        }
        short version = start.getShort(4);
        if (version != VERSION && version != VERSION_1) {
            throw new CorruptObjectException("unknown format version " + start.getShort(4));
        }
        int length = start.getInt(6);
        if (length < FIXED || length > MAX_LENGTH) {
            throw new CorruptObjectException("bad header length " + length);
        }
        return length;
    }

    /** Parses a whole header (position 0 to its length); the key is the one stored. */
    static ObjectInfo parse(ByteBuffer header) throws CorruptObjectException {
        try {
            int length = length(header);
            ByteBuffer b = header.duplicate().limit(length).position(FIXED);
            long size = header.getLong(SIZE_AT);
            byte[] md5 = new byte[16];
            header.get(MD5_AT, md5);
            long modified = header.getLong(MODIFIED_AT);
            String key = readString(b);
            String contentType = readString(b);
            String contentEncoding = readString(b);
            String contentDisposition = readString(b);
            String contentLanguage = readString(b);
            String cacheControl = readString(b);
            String expires = readString(b);
            int count = b.getInt();
            if (count < 0 || count > length) {
                throw new CorruptObjectException("bad metadata count");
            }
            Map<String, String> meta = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                meta.put(readString(b), readString(b));
            }
            Map<String, String> system = Map.of();
            if (header.getShort(4) >= VERSION) {
                int systemCount = b.getInt();
                if (systemCount < 0 || systemCount > length) {
                    throw new CorruptObjectException("bad system fact count");
                }
                system = new LinkedHashMap<>(systemCount * 2);
                for (int i = 0; i < systemCount; i++) {
                    system.put(readString(b), readString(b));
                }
                system = Collections.unmodifiableMap(system);
            }
            if (size < 0 || key == null) {
                throw new CorruptObjectException("bad size or key");
            }
            ObjectAttributes attributes = new ObjectAttributes(contentType, contentEncoding, contentDisposition,
                    contentLanguage, cacheControl, expires, Collections.unmodifiableMap(meta), system);
            String etag = system.getOrDefault(ObjectAttributes.ETAG, HexFormat.of().formatHex(md5));
            return new ObjectInfo(key, size, etag, Instant.ofEpochMilli(modified), attributes);
        } catch (RuntimeException e) { // buffer under- or overflow: a field runs past the header
            throw new CorruptObjectException("malformed header: " + e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        if (n > b.remaining()) {
            throw new IndexOutOfBoundsException("string runs past the header");
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
