package dev.stowage.it;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client-side signing written from the AWS documentation, independent of the gateway's code: Signature V2
 * (header and presigned query) and Signature V4 for a streaming (aws-chunked) upload with its chunk signatures.
 */
final class TestSignatures {
    static final String REGION = "us-east-1";
    static final String STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private TestSignatures() {}

    // ---- Signature V2 ----

    /** {@code Tue, 27 Mar 2007 19:36:42 GMT}. */
    static String rfc1123(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    /** What {@code date -R} prints: {@code Tue, 27 Mar 2007 19:36:42 +0000}. */
    static String rfc2822(Instant t) {
        return RFC_2822.format(t);
    }

    /** base64(HMAC-SHA1(secret, stringToSign)). */
    static String sigV2(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    /** The V2 string to sign without x-amz-* headers. */
    static String sigV2StringToSign(String method, String contentMd5, String contentType, String date, String resource) {
        return method + "\n" + nz(contentMd5) + "\n" + nz(contentType) + "\n" + nz(date) + "\n" + resource;
    }

    /** {@code AWS AK:signature} for a request without x-amz-* headers. */
    static String sigV2Authorization(String accessKey, String secret, String method, String contentMd5,
            String contentType, String date, String resource) {
        return "AWS " + accessKey + ":" + sigV2(secret, sigV2StringToSign(method, contentMd5, contentType, date, resource));
    }

    /** The query of a V2 presigned URL (AWSAccessKeyId, Expires, Signature, URL-encoded). */
    static String sigV2PresignedQuery(String accessKey, String secret, String method, long expiresEpoch, String resource) {
        String signature = sigV2(secret, sigV2StringToSign(method, null, null, Long.toString(expiresEpoch), resource));
        return "AWSAccessKeyId=" + URLEncoder.encode(accessKey, StandardCharsets.UTF_8) + "&Expires=" + expiresEpoch
                + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }

    /**
     * A GET or DELETE (no body) signed with V2 in the Authorization header; {@code resource} is the canonicalized
     * resource ({@code /bucket/key} as it appears on the wire).
     */
    static RawHttp.Request v2Request(String method, String target, String host, String resource, Instant date) {
        String d = rfc1123(date);
        return new RawHttp.Request(method, target)
                .header("Host", host)
                .header("Date", d)
                .header("Authorization", sigV2Authorization(S3TestSupport.ACCESS_KEY, S3TestSupport.SECRET_KEY, method,
                        null, null, d, resource));
    }

    /** A V2-signed request whose canonical resource is its path (the target up to '?'). */
    static RawHttp.Request v2Request(String method, String target, String host) {
        int q = target.indexOf('?');
        return v2Request(method, target, host, q < 0 ? target : target.substring(0, q), Instant.now());
    }

    // ---- Signature V4 ----

    static String amzDate(Instant t) {
        return AMZ_DATE.format(t);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac("HmacSHA256", ("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac("HmacSHA256", k, region);
        k = hmac("HmacSHA256", k, service);
        return hmac("HmacSHA256", k, "aws4_request");
    }

    static String hmacHex(byte[] key, String data) {
        return HexFormat.of().formatHex(hmac("HmacSHA256", key, data));
    }

    /**
     * A PUT whose body is aws-chunked and signed chunk by chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), as the AWS
     * documentation "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks"
     * describes it. The seed signature signs the headers; each chunk's signature chains from the previous one.
     */
    static final class StreamingPut {
        final String host;
        final String path;
        final List<byte[]> chunks;
        final String amzDate;
        final String scope;
        final byte[] signingKey;
        final long decodedLength;
        final long contentLength;
        final String seedSignature;
        final String authorization;

        StreamingPut(String host, String path, List<byte[]> chunks, Instant now) {
            this(host, path, chunks, now, -1, -1);
        }

        /**
         * With {@code contentLength} / {@code decodedLength} as they will be signed and sent, for bodies framed by
         * hand; -1 for the values of the honest framing of {@code chunks}.
         */
        StreamingPut(String host, String path, List<byte[]> chunks, Instant now, long contentLength, long decodedLength) {
            this.host = host;
            this.path = path;
            this.chunks = List.copyOf(chunks);
            this.amzDate = amzDate(now);
            String day = amzDate.substring(0, 8);
            this.scope = day + "/" + REGION + "/s3/aws4_request";
            this.signingKey = signingKey(S3TestSupport.SECRET_KEY, day, REGION, "s3");
            long decoded = 0;
            long framed = 0;
            for (byte[] c : chunks) {
                decoded += c.length;
                framed += frameLength(c.length);
            }
            framed += frameLength(0);
            this.decodedLength = decodedLength >= 0 ? decodedLength : decoded;
            this.contentLength = contentLength >= 0 ? contentLength : framed;
            Map<String, String> signed = signedHeaders();
            StringBuilder canonical = new StringBuilder("PUT\n").append(path).append("\n\n");
            for (Map.Entry<String, String> h : signed.entrySet()) {
                canonical.append(h.getKey()).append(':').append(h.getValue()).append('\n');
            }
            String names = String.join(";", signed.keySet());
            canonical.append('\n').append(names).append('\n').append(STREAMING);
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
            this.seedSignature = hmacHex(signingKey, stringToSign);
            this.authorization = "AWS4-HMAC-SHA256 Credential=" + S3TestSupport.ACCESS_KEY + "/" + scope
                    + ",SignedHeaders=" + names + ",Signature=" + seedSignature;
        }

        /** The bytes of one framed chunk: hex size, ";chunk-signature=", 64 hex, CRLF, data, CRLF. */
        private static long frameLength(int size) {
            return Integer.toHexString(size).length() + ";chunk-signature=".length() + 64 + 2 + size + 2;
        }

        private Map<String, String> signedHeaders() {
            Map<String, String> h = new TreeMap<>();
            h.put("content-encoding", "aws-chunked");
            h.put("content-length", Long.toString(contentLength));
            h.put("host", host);
            h.put("x-amz-content-sha256", STREAMING);
            h.put("x-amz-date", amzDate);
            h.put("x-amz-decoded-content-length", Long.toString(decodedLength));
            return h;
        }

        /** The request head: every signed header plus the Authorization. */
        byte[] head() {
            StringBuilder sb = new StringBuilder("PUT ").append(path).append(" HTTP/1.1\r\n");
            sb.append("Host: ").append(host).append("\r\n");
            for (Map.Entry<String, String> h : signedHeaders().entrySet()) {
                if (!h.getKey().equals("host")) {
                    sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
            }
            sb.append("Authorization: ").append(authorization).append("\r\n\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** The signature of a chunk chaining from {@code previous}. */
        String chunkSignature(String previous, byte[] data) {
            String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + EMPTY_SHA256 + "\n" + sha256Hex(data);
            return hmacHex(signingKey, stringToSign);
        }

        /** The framed body, every chunk signed correctly, ending with the zero-size chunk. */
        byte[] body() {
            return body(-1);
        }

        /**
         * The framed body with chunk {@code forged} (0-based; the final empty chunk is {@code chunks.size()})
         * carrying a signature with one hex digit changed; -1 for none.
         */
        byte[] body(int forged) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String previous = seedSignature;
            List<byte[]> all = new ArrayList<>(chunks);
            all.add(new byte[0]);
            for (int i = 0; i < all.size(); i++) {
                byte[] data = all.get(i);
                String sig = chunkSignature(previous, data);
                previous = sig;
                String sent = i == forged ? flipHex(sig) : sig;
                out.writeBytes((Integer.toHexString(data.length) + ";chunk-signature=" + sent + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(data);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        }
    }

    /** The same hex string with its first digit changed. */
    static String flipHex(String hex) {
        char c = hex.charAt(0);
        return (c == '0' ? '1' : '0') + hex.substring(1);
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
