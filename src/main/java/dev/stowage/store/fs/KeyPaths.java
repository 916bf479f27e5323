package dev.stowage.store.fs;

import java.nio.file.Path;

/**
 * Where keys live under a bucket's {@code objects/} directory: the key's UTF-8 bytes are cut at '/' into
 * segments, each segment becomes a directory name (see {@link NameCodec}) and the last one the object file
 * {@code name#o}. So {@code a} is {@code a#o}, {@code a/b} is {@code a/b#o} and {@code dir/} is {@code dir/%#o}.
 */
final class KeyPaths {
    static final int MAX_KEY_BYTES = 1024;

    private KeyPaths() {}

    /** The UTF-8 bytes of a key; refuses keys that are not 1..1024 bytes of valid Unicode. */
    static byte[] keyBytes(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        byte[] bytes = Bytes.strictUtf8(key);
        if (bytes.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key longer than " + MAX_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    /** The object file of a key, relative to the objects directory. */
    static String objectFile(byte[] key) {
        StringBuilder out = new StringBuilder(key.length + 16);
        int start = 0;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '/') {
                NameCodec.appendSegment(out, key, start, i, NameCodec.DIRECTORY_SUFFIX);
                out.append('/');
                start = i + 1;
            }
        }
        NameCodec.appendSegment(out, key, start, key.length, NameCodec.OBJECT_SUFFIX);
        return out.toString();
    }

    /**
     * The directory, relative to the objects directory ("" for itself), that holds every key starting with
     * {@code prefix[0, length)}, which must end just after a '/' (or be empty).
     */
    static String directoryOf(byte[] prefix, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (prefix[i] == '/') {
                if (!out.isEmpty()) {
                    out.append('/');
                }
                NameCodec.appendSegment(out, prefix, start, i, NameCodec.DIRECTORY_SUFFIX);
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** Length of the part of {@code prefix} made of complete segments (up to and including its last '/'). */
    static int completeSegmentsLength(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] == '/') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Resolves a relative path from this class under {@code objectsDir}; refuses anything that would leave it. */
    static Path resolve(Path objectsDir, String relative) {
        if (relative.isEmpty()) {
            return objectsDir;
        }
        Path path = objectsDir.resolve(relative);
        if (!path.normalize().startsWith(objectsDir) || relative.indexOf('\0') >= 0) {
            throw new IllegalStateException("key path escapes the bucket: " + relative);
        }
        return path;
    }
}
