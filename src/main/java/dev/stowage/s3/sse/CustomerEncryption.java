package dev.stowage.s3.sse;

import java.util.List;
import java.io.IOException;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;

/**
 * Server-side encryption with customer-provided keys (SSE-C) on PutObject, CopyObject (either side), GetObject,
 * HeadObject and GetObjectAttributes, as AWS does it: an object put with a key is stored encrypted (AES-256-CTR, a random IV per
 * object) and its facts hold the key's MD5, the IV and an HMAC of the key; reading it (or its metadata) needs the
 * same key: none → 400 InvalidRequest, another → 403 AccessDenied; a key for an object stored without one → 400
 * InvalidRequest. Responses name the algorithm and the key's MD5. Its ETag is not the MD5 of the plaintext, as on
 * AWS.
 */
public final class CustomerEncryption {
    static final String FACT_KEY_MD5 = "sse-c-key-md5";
    static final String FACT_IV = "sse-c-iv";
    static final String FACT_CHECK = "sse-c-check";
    /** Of an object completed from an SSE-C upload: its parts' numbers in object order (each part has its own IV). */
    static final String FACT_PARTS = "sse-c-parts";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CustomerEncryption() {}

    /** A key and the IV of the object being written with it. */
    public record Writing(CustomerKey key, byte[] iv) {
        /** The object's system facts that record the encryption. */
        public Map<String, String> facts() {
            return Map.of(FACT_KEY_MD5, key.keyMd5(), FACT_IV, Base64.getEncoder().encodeToString(iv),
                    FACT_CHECK, key.check(iv));
        }

        /** The plaintext {@code body} encrypted as it is read. */
        public InputStream encrypt(InputStream body) {
            return new CipherInputStream(body, key.cipherAt(iv, 0, Cipher.ENCRYPT_MODE));
        }
    }

    /** For a PutObject: the key and a fresh IV when the request names a key; null when it does not. */
    public static Writing forWrite(RequestHead head) {
        if (!CustomerKey.present(head::header)) {
            return null;
        }
        byte[] iv = new byte[CustomerKey.BLOCK];
        RANDOM.nextBytes(iv);
        return new Writing(CustomerKey.from(head::header), iv);
    }

    /**
     * For an UploadPart: the request's key checked against the one the upload was created with, and the part's own
     * IV (the upload's, its first four bytes XORed with the part number, so parts never share counter blocks); null
     * for an upload created without a key (and a request naming none).
     */
    public static Writing forPart(RequestHead head, Map<String, String> uploadFacts, int partNumber) {
        boolean given = CustomerKey.present(head::header);
        if (!uploadFacts.containsKey(FACT_IV)) {
            if (given) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The multipart upload was not initiated with "
                        + "customer-provided encryption keys: its parts cannot be encrypted with one.");
            }
            return null;
        }
        if (!given) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The multipart upload was initiated with a "
                    + "customer-provided encryption key: each part must be uploaded with the same key.");
        }
        CustomerKey key = CustomerKey.from(head::header);
        if (!storedWith(key, uploadFacts)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "The provided encryption parameters did not match the ones used originally.");
        }
        return new Writing(key, partIv(iv(uploadFacts), partNumber));
    }

    /** The facts a completion adds for an SSE-C upload: its parts' numbers in object order (none otherwise). */
    public static Map<String, String> completionFacts(Map<String, String> uploadFacts, List<Integer> partNumbers) {
        if (!uploadFacts.containsKey(FACT_IV)) {
            return Map.of();
        }
        StringBuilder numbers = new StringBuilder();
        for (int n : partNumbers) {
            if (!numbers.isEmpty()) {
                numbers.append(',');
            }
            numbers.append(n);
        }
        return Map.of(FACT_PARTS, numbers.toString());
    }

    /** The base64 MD5 of the key an object or upload was stored with; null when none. */
    public static String keyMd5(Map<String, String> facts) {
        return facts.get(FACT_KEY_MD5);
    }

    static byte[] partIv(byte[] iv, int partNumber) {
        byte[] out = iv.clone();
        for (int i = 0; i < 4; i++) {
            out[i] ^= (byte) (partNumber >>> (24 - 8 * i));
        }
        return out;
    }

    /** Whether the object was stored encrypted with a customer key. */
    public static boolean encrypted(ObjectInfo object) {
        return object.attributes().system().containsKey(FACT_IV);
    }

    /**
     * The key this read of {@code object} gives, checked against the one it was stored with; null for an object
     * stored without one (and a request naming none).
     */
    public static CustomerKey forRead(RequestHead head, ObjectInfo object) {
        return forRead(head::header, object);
    }

    /** As {@link #forRead(RequestHead, ObjectInfo)} for the source of a copy ({@code x-amz-copy-source-…} headers). */
    public static CustomerKey forCopySource(RequestHead head, ObjectInfo source) {
        return forRead(CustomerKey.copySource(head::header), source);
    }

    private static CustomerKey forRead(Function<String, String> header, ObjectInfo object) {
        boolean given = CustomerKey.present(header);
        if (!encrypted(object)) {
            if (given) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "The encryption parameters are not applicable to this object.");
            }
            return null;
        }
        if (!given) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The object was stored using a form of Server Side "
                    + "Encryption. The correct parameters must be provided to retrieve the object.");
        }
        CustomerKey key = CustomerKey.from(header);
        if (!storedWith(key, object.attributes().system())) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
        return key;
    }

    /** {@code facts} without those that record a customer key (a copy's, whose encryption is its own). */
    public static Map<String, String> withoutKeyFacts(Map<String, String> facts) {
        Map<String, String> out = new LinkedHashMap<>(facts);
        out.remove(FACT_KEY_MD5);
        out.remove(FACT_IV);
        out.remove(FACT_CHECK);
        return out;
    }

    /**
     * {@code reader} as plaintext when {@code key} (from {@link #forRead}) is not null; {@code partSizes} are the
     * sizes of a multipart object's parts in object order (null for an object put whole).
     */
    public static ObjectReader decrypting(ObjectReader reader, CustomerKey key, long[] partSizes) throws IOException {
        if (key == null) {
            return reader;
        }
        byte[] iv = iv(reader.info());
        String parts = reader.info().attributes().system().get(FACT_PARTS);
        if (parts == null) {
            return new DecryptingObjectReader(reader, key, new long[] {0}, new byte[][] {iv});
        }
        String[] numbers = parts.split(",");
        if (partSizes == null || partSizes.length != numbers.length) {
            throw new IOException("the part layout of " + reader.info().key() + " does not match its encrypted parts");
        }
        long[] starts = new long[numbers.length];
        byte[][] ivs = new byte[numbers.length][];
        long offset = 0;
        for (int i = 0; i < numbers.length; i++) {
            starts[i] = offset;
            ivs[i] = partIv(iv, Integer.parseInt(numbers[i].trim()));
            offset += partSizes[i];
        }
        return new DecryptingObjectReader(reader, key, starts, ivs);
    }

    /** Adds the SSE-C response headers for an object written or read with {@code keyMd5} (none when null). */
    public static S3Response headers(S3Response response, String keyMd5) {
        if (keyMd5 == null) {
            return response;
        }
        return response.header(CustomerKey.ALGORITHM, "AES256").header(CustomerKey.KEY_MD5, keyMd5);
    }

    /** Whether an object or upload with these facts was stored with {@code key}: its HMAC under the IV matches. */
    private static boolean storedWith(CustomerKey key, Map<String, String> facts) {
        return MessageDigest.isEqual(key.check(iv(facts)).getBytes(), facts.get(FACT_CHECK).getBytes());
    }

    private static byte[] iv(ObjectInfo object) {
        return iv(object.attributes().system());
    }

    private static byte[] iv(Map<String, String> facts) {
        return Base64.getDecoder().decode(facts.get(FACT_IV));
    }
}
