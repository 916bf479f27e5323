package dev.stowage.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Writes aws-chunked bodies for tests, the way the AWS SDKs frame them. */
final class ChunkedBodies {
    private ChunkedBodies() {}

    /** {@code hex\r\n data\r\n} ... {@code 0\r\n} trailer lines {@code \r\n}. */
    static byte[] unsigned(byte[] data, int chunkSize, String... trailerLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += chunkSize) {
            int n = Math.min(chunkSize, data.length - at);
            write(out, Integer.toHexString(n) + "\r\n");
            out.write(data, at, n);
            write(out, "\r\n");
        }
        write(out, "0\r\n");
        for (String line : trailerLines) {
            write(out, line + "\r\n");
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    /**
     * Signed chunks chained from the signer's seed; with a trailer line, a signed trailer follows the final
     * chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER), otherwise the body ends with {@code \r\n}.
     */
    static byte[] signed(ChunkSigner signer, byte[] data, int chunkSize, String trailerLine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signer.seedSignature();
        for (int at = 0; ; at += chunkSize) {
            int n = Math.max(0, Math.min(chunkSize, data.length - at));
            byte[] chunk = new byte[n];
            System.arraycopy(data, Math.min(at, data.length), chunk, 0, n);
            String hash = hex(MessageDigest.getInstance("SHA-256").digest(chunk));
            previous = signer.chunkSignature(previous, hash);
            write(out, Integer.toHexString(n) + ";chunk-signature=" + previous + "\r\n");
            out.write(chunk, 0, n);
            if (n == 0) {
                break;
            }
            write(out, "\r\n");
        }
        if (trailerLine == null) {
            write(out, "\r\n");
        } else {
            String hash = hex(MessageDigest.getInstance("SHA-256")
                    .digest((trailerLine + "\n").getBytes(StandardCharsets.US_ASCII)));
            write(out, trailerLine + "\r\n");
            write(out, "x-amz-trailer-signature:" + signer.trailerSignature(previous, hash) + "\r\n\r\n");
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
