package dev.stowage.s3.handler;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListObjectsV2 continuation tokens: opaque to clients, stable (the same position always gives the same token,
 * and a token stays valid across restarts and replicas) because it is the position itself, versioned and
 * base64url-encoded.
 */
final class ContinuationToken {
    private static final byte VERSION = 1;

    private ContinuationToken() {}

    static String encode(String afterKey) {
        byte[] key = afterKey.getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[key.length + 1];
        raw[0] = VERSION;
        System.arraycopy(key, 0, raw, 1, key.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String decode(String token) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            if (raw.length < 2 || raw[0] != VERSION) {
                throw invalid();
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw, 1, raw.length - 1)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                .element("ArgumentName", "continuation-token");
    }
}
