package dev.stowage.auth;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A plain (not aws-chunked) body passed through unchanged while {@link PayloadVerifier} digests it; the verdict
 * is given at the end of the body, or, when the length is known, before its last bytes are returned.
 */
final class VerifyingInputStream extends InputStream implements ChecksummedBody {
    private final InputStream raw;
    private final PayloadVerifier verifier;
    private final long expectedLength;
    private final byte[] single = new byte[1];
    private long count;
    private boolean done;
    private S3Exception failure;

    /** @param expectedLength Content-Length, or -1 */
    VerifyingInputStream(InputStream raw, PayloadVerifier verifier, long expectedLength) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.verifier = verifier;
        this.expectedLength = expectedLength;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            int n = raw.read(b, off, len);
            if (n < 0) {
                finish();
                return -1;
            }
            verifier.update(b, off, n);
            count += n;
            if (expectedLength >= 0 && count >= expectedLength) {
                finish();
            }
            return n;
        } catch (S3Exception e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = new S3Exception(S3ErrorCode.INTERNAL_ERROR, "Failed to verify the request body", e);
            throw failure;
        }
    }

    @Override
    public int available() throws IOException {
        return done || failure != null ? 0 : raw.available();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private void finish() {
        done = true;
        if (expectedLength >= 0 && count != expectedLength) {
            throw AuthErrors.incompleteBody(S3ErrorCode.INCOMPLETE_BODY.message());
        }
        verifier.verifyDeclared();
    }

    @Override
    public ExpectedChecksum verifiedChecksum() {
        return verifier.verified();
    }
}
