package dev.stowage.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When a request says it was made: {@code x-amz-date} in ISO 8601 basic form ({@code 20130524T000000Z}) or an
 * HTTP date ({@code Date}, RFC 1123/2822, named or numeric zone), with {@code raw} kept as sent for error bodies.
 */
record RequestTime(Instant instant, String raw) {

    private static final DateTimeFormatter AMZ_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    /** {@code 20130524T000000Z}; null when the text is not exactly that shape. */
    static Instant parseAmzDate(String text) {
        if (text == null || text.length() != 16) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, AMZ_BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An RFC 1123/2822 date such as {@code Tue, 27 Mar 2007 19:36:42 +0000}; null when not parseable. */
    static Instant parseHttpDate(String text) {
        if (text == null) {
            return null;
        }
        String normalized = text.trim();
        for (String zone : new String[] {" UTC", " UT", " Z"}) {
            if (normalized.endsWith(zone)) {
                normalized = normalized.substring(0, normalized.length() - zone.length()) + " GMT";
                break;
            }
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(normalized, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Either form: ISO 8601 basic first, then an HTTP date. */
    static Instant parseAny(String text) {
        Instant basic = parseAmzDate(text);
        return basic != null ? basic : parseHttpDate(text);
    }

    static String amzFormat(Instant instant) {
        return AMZ_BASIC.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The {@code yyyyMMdd} of the request time, to compare with a credential scope. */
    String scopeDate() {
        return amzFormat(instant).substring(0, 8);
    }

    /** @throws dev.stowage.s3.error.S3Exception RequestTimeTooSkewed beyond 15 minutes either way */
    void checkSkew(Instant now) {
        if (Duration.between(instant, now).abs().toMillis() > AuthErrors.MAX_SKEW_MILLIS) {
            throw AuthErrors.skewed(raw, now);
        }
    }
}
