package dev.stowage.cli;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature V2 exactly as the seed's {@code s3_curl} computes it for the admin services: HMAC-SHA1 over
 * {@code METHOD\n\n\nDATE\n/} + the query up to its first {@code &} (empty Content-MD5 and Content-Type, no
 * {@code x-amz-*} headers), base64-encoded, sent as {@code Authorization: AWS <key>:<signature>}.
 */
final class SigV2 {
    /** RFC 1123 with a two-digit day, as {@code date -R} and S3 write it. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SigV2() {}

    static String date(Instant now) {
        return HTTP_DATE.format(now);
    }

    /** The canonical resource of an admin request: {@code /} + the raw query up to the first {@code &}. */
    static String canonicalResource(String rawQuery) {
        int amp = rawQuery.indexOf('&');
        return "/?" + (amp < 0 ? rawQuery : rawQuery.substring(0, amp));
    }

    static String stringToSign(String method, String date, String rawQuery) {
        return method + "\n\n\n" + date + "\n" + canonicalResource(rawQuery);
    }

    static String authorization(String accessKey, String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
            return "AWS " + accessKey + ":" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}
