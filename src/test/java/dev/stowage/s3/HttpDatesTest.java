package dev.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
    private static final DateTimeFormatter RFC_1123_GMT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void format_writesTheRfc1123FormOfEveryInstant_asTheJdkFormatterDoes() {
        Random random = new Random(1123);
        long latest = Instant.parse("2400-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), latest), random.nextInt(1_000_000_000));
            assertThat(HttpDates.format(t)).isEqualTo(RFC_1123_GMT.format(t));
        }
    }

    @Test
    void format_edgesOfDaysMonthsAndLeapYears() {
        for (String iso : new String[] {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2000-02-29T12:00:00Z",
                "2024-02-29T23:59:59.999Z", "2026-11-23T09:05:03Z", "2100-03-01T00:00:00Z"}) {
            Instant t = Instant.parse(iso);
            assertThat(HttpDates.format(t)).isEqualTo(RFC_1123_GMT.format(t));
        }
        assertThat(HttpDates.format(Instant.parse("2026-11-03T05:00:00Z"))).isEqualTo("Tue, 03 Nov 2026 05:00:00 GMT");
    }

    @Test
    void parse_readsWhatFormatWrites() {
        Instant t = Instant.parse("2026-11-23T09:05:03Z");
        assertThat(HttpDates.parse(HttpDates.format(t))).isEqualTo(t);
    }

    @Test
    void parse_ignoresAWrongDayName_asS3Does() {
        Instant july7 = Instant.parse("2010-07-07T00:00:00Z"); // a Wednesday
        assertThat(HttpDates.parse("Wed, 07 Jul 2010 00:00:00 GMT")).isEqualTo(july7);
        assertThat(HttpDates.parse("Tue, 07 Jul 2010 00:00:00 GMT")).isEqualTo(july7);
        assertThat(HttpDates.parse("Tuesday, 07 Jul 2010 00:00:00 GMT")).isEqualTo(july7);
        assertThat(HttpDates.parse("Tue, 07 Jux 2010 00:00:00 GMT")).isNull();
        assertThat(HttpDates.parse("not a date")).isNull();
    }
}
