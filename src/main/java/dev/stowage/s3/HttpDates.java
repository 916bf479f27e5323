package dev.stowage.s3;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP dates as S3 writes them ({@code Tue, 03 Nov 2026 05:00:00 GMT}) and reads them (RFC 1123 and friends). */
public final class HttpDates {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDates() {}

    /**
     * {@code EEE, dd MMM yyyy HH:mm:ss GMT} in UTC, built by hand: it is on every object response (Last-Modified),
     * and a {@code DateTimeFormatter} costs several times as much.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        StringBuilder out = new StringBuilder(29);
        out.append(DAYS[day.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(out, day.getDayOfMonth()).append(' ').append(MONTHS[day.getMonthValue() - 1]).append(' ');
        int year = day.getYear();
        if (year >= 0 && year < 1000) {
            out.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        }
        out.append(year).append(' ');
        twoDigits(out, secondOfDay / 3600).append(':');
        twoDigits(out, secondOfDay / 60 % 60).append(':');
        return twoDigits(out, secondOfDay % 60).append(" GMT").toString();
    }

    /** An RFC 1123 date without its leading day name ({@code "Tue, "}), which the formatter would check. */
    public static String withoutWeekday(String value) {
        String text = value.trim();
        int comma = text.indexOf(',');
        if (comma < 3 || comma > 9) {
            return text;
        }
        for (int i = 0; i < comma; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return text;
            }
        }
        return text.substring(comma + 1).trim();
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * Parses an HTTP date; null when it is not one (callers then ignore the header, as S3 does). The day of the
     * week is not checked against the date: S3 reads {@code Tue, 07 Jul 2010 ...} as 7 July 2010 (a Wednesday).
     */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(withoutWeekday(value), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
