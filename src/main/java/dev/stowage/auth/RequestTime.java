package dev.stowage.auth;

import dev.stowage.s3.HttpDates;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        if (text == null || text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return null;
        }
        int date = digits(text, 0, 8);
        int time = digits(text, 9, 15);
        if (date < 0 || time < 0) {
            return null;
        }
        try { // by hand, not with a DateTimeFormatter: every signed request has one or two of these
            return LocalDateTime.of(date / 10_000, date / 100 % 100, date % 100, time / 10_000, time / 100 % 100,
                    time % 100).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}; -1 unless all of it is ASCII digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An RFC 1123/2822 date such as {@code Tue, 27 Mar 2007 19:36:42 +0000}; null when not parseable. */
    static Instant parseHttpDate(String text) {
        if (text == null) {
            return null;
        }
        String normalized = HttpDates.withoutWeekday(text); // S3 does not check the day name against the date
        for (String zone : new String[] {" UTC", " UT", " Z"}) {
            if (normalized.endsWith(zone)) {
                normalized = normalized.substring(0, normalized.length() - zone.length()) + " GMT";
                break;
            }
        }
        try {
            Instant parsed = DateTimeFormatter.RFC_1123_DATE_TIME.parse(normalized, Instant::from);
            return parsed.isBefore(Instant.EPOCH) ? null : parsed; // S3: no valid date, not a skewed one
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
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), 86_400L));
        int yyyymmdd = day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
        return day.getYear() >= 1000 && day.getYear() <= 9999 ? Integer.toString(yyyymmdd)
                : amzFormat(instant).substring(0, 8);
    }

    /** @throws dev.stowage.s3.error.S3Exception RequestTimeTooSkewed beyond 15 minutes either way */
    void checkSkew(Instant now) {
        if (Duration.between(instant, now).abs().toMillis() > AuthErrors.MAX_SKEW_MILLIS) {
            throw AuthErrors.skewed(raw, now);
        }
    }
}
