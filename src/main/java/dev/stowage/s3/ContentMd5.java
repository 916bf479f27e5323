package dev.stowage.s3;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code Content-MD5} request header: the base64 of a body's 16-byte MD5, as S3 reads and checks it. */
public final class ContentMd5 {
    private ContentMd5() {}

    /** The digest a header names; null without a header; 400 InvalidDigest when it is not 16 bytes of base64. */
    public static byte[] parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // falls through to InvalidDigest
        }
        throw new S3Exception(S3ErrorCode.INVALID_DIGEST).element("Content-MD5", header);
    }

    /** 400 BadDigest unless {@code body}'s MD5 is {@code expected} (null: nothing to check). */
    public static void check(byte[] expected, byte[] body) {
        if (expected != null && !MessageDigest.isEqual(expected, of(body))) {
            throw new S3Exception(S3ErrorCode.BAD_DIGEST);
        }
    }

    private static byte[] of(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
