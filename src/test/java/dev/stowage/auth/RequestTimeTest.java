package dev.stowage.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestTimeTest {
    private static final DateTimeFormatter AMZ_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    @Test
    void parseAmzDate_readsEveryBasicIso8601Time_andScopeDateIsItsDay() {
        Random random = new Random(8601);
        long latest = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), latest));
            String text = AMZ_BASIC.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            assertThat(RequestTime.parseAmzDate(text)).isEqualTo(t);
            assertThat(new RequestTime(t, text).scopeDate()).isEqualTo(text.substring(0, 8));
        }
    }

    @Test
    void parseAmzDate_refusesAnythingElse() {
        for (String bad : new String[] {"", "20130524T000000", "20130524T000000ZZ", "20130524 000000Z",
                "2013O524T000000Z", "20131324T000000Z", "20130230T000000Z", "20130524T250000Z", "20130524T006000Z",
                "+0130524T000000Z", "20130524t000000z", "Fri, 24 May 2013 00:00:00 GMT"}) {
            assertThat(RequestTime.parseAmzDate(bad)).as(bad).isNull();
        }
        assertThat(RequestTime.parseAmzDate(null)).isNull();
    }

    @Test
    void parseHttpDate_ignoresAWrongDayName_asS3Does() {
        // 7 July 2010 was a Wednesday; the day name is dropped before the date is read (HttpDatesTest has more)
        assertThat(RequestTime.parseHttpDate("Tue, 07 Jul 2010 00:00:00 UTC"))
                .isEqualTo(RequestTime.parseHttpDate("Wed, 07 Jul 2010 00:00:00 GMT"))
                .isEqualTo(Instant.parse("2010-07-07T00:00:00Z"));
    }

    @Test
    void parseHttpDate_beforeTheEpoch_isNoDate() {
        assertThat(RequestTime.parseHttpDate("Fri, 07 Jul 1950 21:53:04 GMT")).isNull();
        assertThat(RequestTime.parseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT")).isEqualTo(Instant.EPOCH);
    }
}
