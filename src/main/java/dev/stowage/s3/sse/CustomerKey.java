package dev.stowage.s3.sse;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer-provided key (SSE-C) as a request gives it in {@code x-amz-server-side-encryption-customer-algorithm},
 * {@code -key} (base64 of 256 bits) and {@code -key-MD5}, validated with AWS's errors. Objects are encrypted with it
 * in AES-256 counter mode, so any byte range decrypts on its own; the key itself is never stored, only its MD5 (which
 * responses show) and an HMAC of it under the object's random IV, which later requests' keys are checked against.
 */
public final class CustomerKey {
    public static final String ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    public static final String KEY = "x-amz-server-side-encryption-customer-key";
    public static final String KEY_MD5 = "x-amz-server-side-encryption-customer-key-md5";
    /** The prefix of the same three headers naming a copy source's key. */
    public static final String COPY_SOURCE = "x-amz-copy-source-";
    private static final int KEY_BYTES = 32;
    static final int BLOCK = 16;

    private final byte[] key;
    private final String keyMd5;

    private CustomerKey(byte[] key, String keyMd5) {
        this.key = key;
        this.keyMd5 = keyMd5;
    }

    /** The header lookup of a copy source's key: {@code x-amz-copy-source-} before each name. */
    public static Function<String, String> copySource(Function<String, String> header) {
        return name -> header.apply(COPY_SOURCE + name.substring("x-amz-".length()));
    }

    /** Whether the request names any of the three SSE-C headers. */
    public static boolean present(Function<String, String> header) {
        return header.apply(ALGORITHM) != null || header.apply(KEY) != null || header.apply(KEY_MD5) != null;
    }

    /** The key the request's headers give; the S3 error AWS answers when they do not give a valid one. */
    public static CustomerKey from(Function<String, String> header) {
        String algorithm = header.apply(ALGORITHM);
        String encoded = header.apply(KEY);
        String md5 = header.apply(KEY_MD5);
        if (algorithm == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide a valid "
                    + "encryption algorithm.", ALGORITHM, null);
        }
        if (!algorithm.trim().equals("AES256")) {
            throw new S3Exception(S3ErrorCode.INVALID_ENCRYPTION_ALGORITHM,
                    "The encryption request you specified is not valid. The valid value is AES256.")
                    .element("ArgumentName", ALGORITHM).element("ArgumentValue", algorithm);
        }
        if (encoded == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide an "
                    + "appropriate secret key.", KEY, null);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            throw invalid("The secret key was invalid for the specified algorithm.", KEY, null);
        }
        if (md5 == null) {
            throw invalid("Requests specifying Server Side Encryption with Customer provided keys must provide the "
                    + "client calculated MD5 of the secret key.", KEY_MD5, null);
        }
        String actual = Base64.getEncoder().encodeToString(digest("MD5", key));
        if (!actual.equals(md5.trim())) {
            throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.", KEY_MD5, md5);
        }
        return new CustomerKey(key, actual);
    }

    private static S3Exception invalid(String message, String name, String value) {
        S3Exception e = new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message).element("ArgumentName", name);
        return value == null ? e : e.element("ArgumentValue", value);
    }

    /** The base64 MD5 of the key, as responses show it. */
    public String keyMd5() {
        return keyMd5;
    }

    /** The key's HMAC under {@code iv} (base64): what is stored to recognise the key again. */
    String check(byte[] iv) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(iv, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An AES-256-CTR cipher positioned at byte {@code position} of the stream {@code iv} starts. */
    Cipher cipherAt(byte[] iv, long position, int mode) {
        try {
            byte[] counter = iv.clone();
            long blocks = position / BLOCK;
            for (int i = counter.length - 1; i >= 0 && blocks != 0; i--) {
                long sum = (counter[i] & 0xffL) + (blocks & 0xff);
                counter[i] = (byte) sum;
                blocks = (blocks >>> 8) + (sum >>> 8);
            }
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            int skip = (int) (position % BLOCK);
            if (skip > 0) {
                cipher.update(new byte[skip]);
            }
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
