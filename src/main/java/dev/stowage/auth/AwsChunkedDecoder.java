package dev.stowage.auth;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes an {@code aws-chunked} body as it is read: {@code hex-size[;chunk-signature=sig]\r\n data \r\n} ...,
 * a final zero-size chunk, then (trailer modes) {@code name:value\r\n} lines and an empty line.
 *
 * <p>Checks as it goes, and throws {@link S3Exception} from {@code read} where a check fails: each chunk's
 * signature before the chunk's last bytes are handed out; the trailer's signature and checksum, the header
 * checksum and the decoded length at the end. When {@code x-amz-decoded-content-length} is known, the end is
 * read and checked before the last data bytes are returned, so a reader that stops at the declared length still
 * gets every verdict.
 *
 * <p>Bounded: lines (chunk headers, trailers) at most {@value #MAX_LINE} bytes, the size field at most 16 hex
 * digits, at most {@value #MAX_TRAILER_LINES} trailer lines; chunk data is streamed, never buffered whole.
 */
final class AwsChunkedDecoder extends InputStream implements ChecksummedBody {
    static final int BUFFER_SIZE = 64 * 1024;
    static final int MAX_LINE = 4096;
    static final int MAX_TRAILER_LINES = 16;
    private static final int MAX_SIZE_DIGITS = 16;
    private static final int DIRECT_READ_MIN = 8 * 1024;
    private static final byte[] SIGNATURE_EXTENSION = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private enum State {
        /** Expecting {@code hex-size[;chunk-signature=...]\r\n}. */
        CHUNK_HEADER,
        /** Inside a chunk's data. */
        CHUNK_DATA,
        /** Expecting the {@code \r\n} that ends a chunk's data. */
        CHUNK_DATA_END,
        /** After the final chunk of a mode without trailer: expecting {@code \r\n} (or the end). */
        LAST_CHUNK_END,
        /** After the final chunk of a trailer mode: expecting trailer lines and an empty line. */
        TRAILER,
        DONE,
        FAILED
    }

    private final InputStream raw;
    private final boolean signedFraming;
    private final ChunkSigner signer;
    private final boolean trailerMode;
    private final ChecksumAlgorithm announcedTrailer;
    private final PayloadVerifier verifier;
    private final long expectedLength;
    private final MessageDigest chunkDigest;

    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private final byte[] single = new byte[1];

    private State state = State.CHUNK_HEADER;
    private long chunkRemaining;
    private String providedSignature;
    private String previousSignature;
    private long decoded;
    private S3Exception failure;

    /**
     * @param mode one of the streaming modes
     * @param signer the seed for chunk signatures; null to decode without checking them (anonymous, SigV2)
     * @param announcedTrailer the checksum named by {@code x-amz-trailer}, or null
     * @param expectedLength {@code x-amz-decoded-content-length}, or -1
     */
    AwsChunkedDecoder(InputStream raw, PayloadMode mode, ChunkSigner signer, PayloadVerifier verifier,
            ChecksumAlgorithm announcedTrailer, long expectedLength) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.signedFraming = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
        this.signer = signedFraming ? signer : null;
        this.trailerMode = mode == PayloadMode.STREAMING_SIGNED_TRAILER
                || mode == PayloadMode.STREAMING_UNSIGNED_TRAILER;
        this.announcedTrailer = announcedTrailer;
        this.verifier = verifier;
        this.expectedLength = expectedLength;
        this.chunkDigest = this.signer == null ? null : SigV4.newSha256();
        this.previousSignature = this.signer == null ? null : this.signer.seedSignature();
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
        if (len == 0) {
            return 0;
        }
        try {
            while (true) {
                if (state == State.CHUNK_DATA) {
                    return readData(b, off, len);
                }
                if (state == State.DONE) {
                    return -1;
                }
                step();
            }
        } catch (S3Exception e) {
            throw fail(e);
        } catch (RuntimeException e) {
            throw fail(new S3Exception(S3ErrorCode.INTERNAL_ERROR, "Failed to decode the aws-chunked body", e));
        }
    }

    @Override
    public int available() {
        return state == State.CHUNK_DATA ? (int) Math.min(chunkRemaining, limit - pos) : 0;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private S3Exception fail(S3Exception e) {
        failure = e;
        state = State.FAILED;
        return e;
    }

    /** Advances through one state that produces no data. */
    private void step() throws IOException {
        switch (state) {
            case CHUNK_HEADER -> readChunkHeader();
            case CHUNK_DATA_END -> {
                expectCrlf();
                state = State.CHUNK_HEADER;
            }
            case LAST_CHUNK_END -> readLastChunkEnd();
            case TRAILER -> readTrailer();
            default -> throw new IllegalStateException("step() in state " + state);
        }
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        int want = (int) Math.min(len, chunkRemaining);
        int n;
        if (pos == limit && want >= DIRECT_READ_MIN && (n = raw.read(b, off, want)) > 0) {
            // Large read with an empty buffer: straight into the caller's array, no copy.
        } else {
            if (pos == limit && !fill()) {
                throw truncated();
            }
            n = Math.min(want, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
        }
        if (chunkDigest != null) {
            chunkDigest.update(b, off, n);
        }
        verifier.update(b, off, n);
        chunkRemaining -= n;
        decoded += n;
        if (chunkRemaining == 0) {
            verifyChunkSignature();
            state = State.CHUNK_DATA_END;
            if (expectedLength >= 0 && decoded == expectedLength) {
                finishEagerly();
            }
        }
        return n;
    }

    /** All data is in: reads and checks the rest of the body now, before the last data bytes are returned. */
    private void finishEagerly() throws IOException {
        while (state != State.DONE) {
            if (state == State.CHUNK_DATA) {
                throw lengthMismatch();
            }
            step();
        }
    }

    private void readChunkHeader() throws IOException {
        if (!readLine()) {
            throw truncated();
        }
        int sizeEnd = 0;
        while (sizeEnd < lineLength && line[sizeEnd] != ';') {
            sizeEnd++;
        }
        if (sizeEnd == 0 || sizeEnd > MAX_SIZE_DIGITS) {
            throw badChunkHeader();
        }
        long size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                throw badChunkHeader();
            }
            size = (size << 4) | digit;
        }
        if (size < 0) {
            throw badChunkHeader();
        }
        providedSignature = null;
        if (signedFraming) {
            providedSignature = chunkSignatureOf(sizeEnd);
        }
        if (expectedLength >= 0 && size > expectedLength - decoded) {
            throw lengthMismatch();
        }
        if (size == 0) {
            verifyChunkSignature();
            state = trailerMode ? State.TRAILER : State.LAST_CHUNK_END;
        } else {
            chunkRemaining = size;
            state = State.CHUNK_DATA;
        }
    }

    /** The signature in {@code ;chunk-signature=<64 hex>}, which must be all that follows the size. */
    private String chunkSignatureOf(int sizeEnd) {
        int extensionLength = lineLength - sizeEnd;
        if (extensionLength != SIGNATURE_EXTENSION.length + SIGNATURE_HEX_LENGTH) {
            throw badChunkHeader();
        }
        for (int i = 0; i < SIGNATURE_EXTENSION.length; i++) {
            if (line[sizeEnd + i] != SIGNATURE_EXTENSION[i]) {
                throw badChunkHeader();
            }
        }
        return new String(line, sizeEnd + SIGNATURE_EXTENSION.length, SIGNATURE_HEX_LENGTH,
                StandardCharsets.ISO_8859_1);
    }

    private void verifyChunkSignature() {
        if (signer == null) {
            return;
        }
        String expected = signer.chunkSignature(previousSignature, Hex.encode(chunkDigest.digest()));
        if (!SigV4.sameSignature(expected, providedSignature)) {
            throw AuthErrors.signatureMismatch();
        }
        previousSignature = expected;
    }

    private void readLastChunkEnd() throws IOException {
        int c = nextByte();
        if (c >= 0 && (c != '\r' || nextByte() != '\n')) {
            throw AuthErrors.invalidRequest("Unexpected data after the final chunk of the aws-chunked body.");
        }
        finish(null);
    }

    private void readTrailer() throws IOException {
        List<String[]> trailers = new ArrayList<>(2);
        boolean skippedBlank = false;
        while (true) {
            if (!readLine()) {
                break; // the body ends without the closing empty line: judged by what arrived
            }
            if (lineLength == 0) {
                // Some writers put an empty line between the final chunk and the trailers.
                if (trailers.isEmpty() && !skippedBlank && hasMoreInput()) {
                    skippedBlank = true;
                    continue;
                }
                break;
            }
            if (trailers.size() >= MAX_TRAILER_LINES) {
                throw AuthErrors.invalidRequest("Too many trailing headers in the aws-chunked body.");
            }
            String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw AuthErrors.invalidRequest("Malformed trailing header in the aws-chunked body.");
            }
            trailers.add(new String[] {
                text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim()});
        }
        finishTrailers(trailers);
    }

    private void finishTrailers(List<String[]> trailers) {
        String trailerSignature = null;
        ExpectedChecksum received = null;
        StringBuilder canonical = new StringBuilder(64);
        for (String[] trailer : trailers) {
            String name = trailer[0];
            String value = trailer[1];
            if (name.equals(AuthNames.X_AMZ_TRAILER_SIGNATURE)) {
                if (trailerSignature != null) {
                    throw AuthErrors.invalidRequest("Duplicate x-amz-trailer-signature in the aws-chunked body.");
                }
                trailerSignature = value;
                continue;
            }
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(name);
            if (algorithm == null || algorithm != announcedTrailer || received != null) {
                throw AuthErrors.invalidRequest("The trailing header " + name
                        + " was not announced in x-amz-trailer.");
            }
            received = ExpectedChecksum.parse(algorithm, value, "trailing header");
            canonical.append(name).append(':').append(value).append('\n');
        }
        if (announcedTrailer != null && received == null) {
            throw AuthErrors.incompleteBody("The trailing header " + announcedTrailer.headerName()
                    + " announced in x-amz-trailer was not received.");
        }
        if (signer != null) {
            if (trailerSignature == null) {
                throw AuthErrors.incompleteBody("The aws-chunked body ended without x-amz-trailer-signature.");
            }
            String expected = signer.trailerSignature(previousSignature, SigV4.sha256Hex(canonical.toString()));
            if (!SigV4.sameSignature(expected, trailerSignature)) {
                throw AuthErrors.signatureMismatch();
            }
        }
        finish(received);
    }

    private void finish(ExpectedChecksum trailerChecksum) {
        if (expectedLength >= 0 && decoded != expectedLength) {
            throw lengthMismatch();
        }
        verifier.verifyDeclared();
        if (trailerChecksum != null) {
            verifier.verify(trailerChecksum);
        }
        state = State.DONE;
    }

    private void expectCrlf() throws IOException {
        int cr = nextByte();
        int lf = cr < 0 ? -1 : nextByte();
        if (lf < 0) {
            throw truncated();
        }
        if (cr != '\r' || lf != '\n') {
            throw AuthErrors.incompleteBody("An aws-chunked chunk is longer than its declared size.");
        }
    }

    /**
     * Reads one CRLF-terminated line into {@link #line} (without the CRLF). False when the body ends before the
     * line's first byte; the body ending inside a line is a truncation.
     */
    private boolean readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (lineLength == 0) {
                    return false;
                }
                throw truncated();
            }
            int end = limit;
            int i = pos;
            while (i < end && buf[i] != '\n') {
                i++;
            }
            int n = i - pos;
            if (lineLength + n > MAX_LINE) {
                throw AuthErrors.invalidRequest("A line of the aws-chunked body is longer than " + MAX_LINE
                        + " bytes.");
            }
            System.arraycopy(buf, pos, line, lineLength, n);
            lineLength += n;
            if (i < end) {
                pos = i + 1;
                if (lineLength == 0 || line[lineLength - 1] != '\r') {
                    throw AuthErrors.invalidRequest("A line of the aws-chunked body does not end with CRLF.");
                }
                lineLength--;
                for (int k = 0; k < lineLength; k++) {
                    if (line[k] == '\r') {
                        throw AuthErrors.invalidRequest("A line of the aws-chunked body contains a bare CR.");
                    }
                }
                return true;
            }
            pos = end;
        }
    }

    private int nextByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean hasMoreInput() throws IOException {
        return pos < limit || fill();
    }

    /** Refills the (empty) buffer; false at the end of the body. */
    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = raw.read(buf, 0, buf.length);
        if (n == 0) {
            int c = raw.read(); // a stream that returns 0 for a non-empty read: fall back to its blocking read()
            if (c < 0) {
                return false;
            }
            buf[0] = (byte) c;
            n = 1;
        }
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private static S3Exception truncated() {
        return AuthErrors.incompleteBody("The aws-chunked body ended before its final chunk.");
    }

    private static S3Exception badChunkHeader() {
        return AuthErrors.invalidRequest("Malformed chunk header in the aws-chunked body.");
    }

    private S3Exception lengthMismatch() {
        return AuthErrors.incompleteBody("The decoded body does not have the length given in "
                + "x-amz-decoded-content-length (" + expectedLength + ").");
    }

    @Override
    public ExpectedChecksum verifiedChecksum() {
        return verifier.verified();
    }
}
