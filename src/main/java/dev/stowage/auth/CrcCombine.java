package dev.stowage.auth;

/**
 * The CRC of two concatenated byte sequences from the CRCs of each and the second one's length, without the bytes:
 * zlib's {@code crc32_combine} technique for any reflected CRC whose initial value and final xor are all ones
 * (CRC32, CRC32C, CRC64NVME). Appending {@code n} zero bytes to a CRC register is a linear map over GF(2); its
 * matrices for 2^k zero bytes are computed once per polynomial, so one combination costs at most 64 matrix-vector
 * products of the register's width.
 */
public final class CrcCombine {
    private static final CrcCombine CRC32 = new CrcCombine(0xEDB88320L, 32);
    private static final CrcCombine CRC32C = new CrcCombine(0x82F63B78L, 32);
    private static final CrcCombine CRC64NVME = new CrcCombine(0x9A6C9329AC4BC9B5L, 64);

    /** {@code zeros[k]}: the operator appending 2^k zero bytes, one row (a register value) per bit. */
    private final long[][] zeros = new long[63][];
    private final int width;

    private CrcCombine(long reflectedPoly, int width) {
        this.width = width;
        long[] oneBit = new long[width];
        oneBit[0] = reflectedPoly;
        for (int n = 1; n < width; n++) {
            oneBit[n] = 1L << (n - 1);
        }
        long[] op = oneBit;
        for (int i = 0; i < 3; i++) {
            op = square(op); // 2, 4, then 8 zero bits: one zero byte
        }
        zeros[0] = op;
        for (int k = 1; k < zeros.length; k++) {
            zeros[k] = square(zeros[k - 1]);
        }
    }

    /** The combiner of a CRC algorithm; IllegalArgumentException for SHA1, SHA256. */
    public static CrcCombine of(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> CRC32;
            case CRC32C -> CRC32C;
            case CRC64NVME -> CRC64NVME;
            default -> throw new IllegalArgumentException(algorithm + " is not a CRC");
        };
    }

    /** Whether {@link #of} takes the algorithm: the CRCs, whose full-object checksums combine. */
    public static boolean combines(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C
                || algorithm == ChecksumAlgorithm.CRC64NVME;
    }

    /** CRC(A ‖ B) from CRC(A), CRC(B) and the length of B in bytes (values as {@code Checksum.getValue()}). */
    public long combine(long crcA, long crcB, long lengthB) {
        long crc = crcA;
        for (int k = 0; lengthB != 0; k++, lengthB >>>= 1) {
            if ((lengthB & 1) != 0) {
                crc = times(zeros[k], crc);
            }
        }
        return crc ^ crcB;
    }

    /** As {@link #combine(long, long, long)} on raw big-endian checksums ({@link ChecksumAlgorithm.Running#finish}). */
    public byte[] combine(byte[] crcA, byte[] crcB, long lengthB) {
        return toBytes(combine(toLong(crcA), toLong(crcB), lengthB));
    }

    /** The CRC of no bytes at all: the starting point of a combination over parts. */
    public byte[] empty() {
        return toBytes(0L);
    }

    private long toLong(byte[] raw) {
        if (raw.length * 8 != width) {
            throw new IllegalArgumentException("a " + width + "-bit CRC has " + width / 8 + " bytes, not " + raw.length);
        }
        long v = 0;
        for (byte b : raw) {
            v = v << 8 | (b & 0xff);
        }
        return v;
    }

    private byte[] toBytes(long value) {
        byte[] out = new byte[width / 8];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private long[] square(long[] matrix) {
        long[] out = new long[width];
        for (int n = 0; n < width; n++) {
            out[n] = times(matrix, matrix[n]);
        }
        return out;
    }
}
