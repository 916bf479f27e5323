package dev.stowage.s3.handler;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Content-MD5 check of a body that is stored encrypted (SSE-C): the store sees only ciphertext, so the MD5 is
 * taken of the plaintext as it is read, and checked once it has all been read, before the object or part becomes
 * visible (a mismatch is BadDigest and nothing is kept).
 */
final class PlaintextDigest {
    private final InputStream stream;
    private final MessageDigest digest;
    private final byte[] expected;

    /** {@code expected} is the request's Content-MD5, or null when it sent none (nothing is checked then). */
    PlaintextDigest(InputStream plain, byte[] expected) {
        this.expected = expected;
        this.digest = expected == null ? null : md5();
        this.stream = digest == null ? plain : new DigestInputStream(plain, digest);
    }

    /** The plaintext, digested as it is read. */
    InputStream stream() {
        return stream;
    }

    /** The store's after-body facts: the MD5 checked first, then {@code facts}' answer. */
    Supplier<Map<String, String>> checkedThen(Supplier<Map<String, String>> facts) {
        return () -> {
            if (digest != null && !MessageDigest.isEqual(expected, digest.digest())) {
                throw new S3Exception(S3ErrorCode.BAD_DIGEST);
            }
            return facts.get();
        };
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
