package dev.stowage.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 accepts in {@code x-amz-checksum-<alg>} headers and trailers. */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    private final String displayName;
    private final int length;
    private final String headerName;

    ChecksumAlgorithm(String displayName, int length) {
        this.displayName = displayName;
        this.length = length;
        this.headerName = AuthNames.X_AMZ_CHECKSUM_PREFIX + displayName.toLowerCase(Locale.ROOT);
    }

    /** As AWS names it in messages: {@code CRC32}, {@code SHA256}... */
    public String displayName() {
        return displayName;
    }

    /** {@code x-amz-checksum-crc32} and so on. */
    public String headerName() {
        return headerName;
    }

    /** The length of the raw checksum in bytes. */
    public int length() {
        return length;
    }

    /** The algorithm of a name as AWS writes it in x-amz-checksum-algorithm ({@code CRC32}, any case); null if none. */
    public static ChecksumAlgorithm fromDisplayName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.displayName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return a;
            }
        }
        return null;
    }

    /** The raw checksum of {@code data}. */
    public byte[] of(byte[] data) {
        Running r = newRunning();
        r.update(data, 0, data.length);
        return r.finish();
    }

    /** The algorithm of a header or trailer name (any case); null for anything else. */
    public static ChecksumAlgorithm fromHeaderName(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.headerName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    /** A fresh running checksum of this algorithm. */
    public Running newRunning() {
        return switch (this) {
            case CRC32 -> new OfChecksum(new CRC32(), 4);
            case CRC32C -> new OfChecksum(new CRC32C(), 4);
            case CRC64NVME -> new OfChecksum(new Crc64Nvme(), 8);
            case SHA1 -> new OfDigest(digest("SHA-1"));
            case SHA256 -> new OfDigest(digest("SHA-256"));
        };
    }

    /** A checksum being computed over a body; {@link #finish} gives the raw (big-endian) value. */
    public interface Running {
        void update(byte[] b, int off, int len);

        byte[] finish();
    }

    private record OfChecksum(Checksum checksum, int length) implements Running {
        @Override
        public void update(byte[] b, int off, int len) {
            checksum.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            long value = checksum.getValue();
            byte[] out = new byte[length];
            for (int i = length - 1; i >= 0; i--) {
                out[i] = (byte) value;
                value >>>= 8;
            }
            return out;
        }
    }

    private record OfDigest(MessageDigest digest) implements Running {
        @Override
        public void update(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable", e);
        }
    }
}
