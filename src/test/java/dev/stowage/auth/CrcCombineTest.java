package dev.stowage.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrcCombineTest {
    private static final Random RANDOM = new Random(20240601);

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combine_randomSplits_equalsTheCrcOfTheConcatenation(ChecksumAlgorithm algorithm) {
        CrcCombine combiner = CrcCombine.of(algorithm);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[RANDOM.nextInt(round < 100 ? 64 : 70_000)];
            RANDOM.nextBytes(data);
            int split = data.length == 0 ? 0 : RANDOM.nextInt(data.length + 1);
            byte[] a = Arrays.copyOfRange(data, 0, split);
            byte[] b = Arrays.copyOfRange(data, split, data.length);
            assertArrayEquals(algorithm.of(data), combiner.combine(algorithm.of(a), algorithm.of(b), b.length),
                    "split " + split + " of " + data.length);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combine_manyPartsFromEmpty_equalsTheCrcOfTheWhole(ChecksumAlgorithm algorithm) {
        CrcCombine combiner = CrcCombine.of(algorithm);
        byte[] whole = new byte[300_000];
        RANDOM.nextBytes(whole);
        byte[] crc = combiner.empty();
        int at = 0;
        while (at < whole.length) {
            int n = Math.min(whole.length - at, 1 + RANDOM.nextInt(50_000));
            crc = combiner.combine(crc, algorithm.of(Arrays.copyOfRange(whole, at, at + n)), n);
            at += n;
        }
        assertArrayEquals(algorithm.of(whole), crc);
        assertArrayEquals(algorithm.of(new byte[0]), combiner.empty());
    }

    @Test
    void combine_crc32_matchesZlibOnALargeLength() {
        // a second half much longer than any buffer: the operator powers up to 2^27
        byte[] a = "first half".getBytes();
        CRC32 whole = new CRC32();
        whole.update(a);
        CRC32 b = new CRC32();
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 200; i++) {
            whole.update(zeros);
            b.update(zeros);
        }
        CRC32 first = new CRC32();
        first.update(a);
        assertEquals(whole.getValue(),
                CrcCombine.of(ChecksumAlgorithm.CRC32).combine(first.getValue(), b.getValue(), 200L << 20));
    }

    @Test
    void of_digest_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> CrcCombine.of(ChecksumAlgorithm.SHA256));
        assertFalse(CrcCombine.combines(ChecksumAlgorithm.SHA1));
        assertTrue(CrcCombine.combines(ChecksumAlgorithm.CRC64NVME));
    }
}
