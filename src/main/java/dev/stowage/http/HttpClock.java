package dev.stowage.http;

import dev.stowage.s3.HttpDates;
import io.netty.util.AsciiString;
import java.time.Instant;

/** The Date header value, formatted at most once a second (it is on every response). */
final class HttpClock {
    private record Stamp(long second, AsciiString value) {}

    private static volatile Stamp stamp = new Stamp(-1, AsciiString.EMPTY_STRING);

    private HttpClock() {}

    static CharSequence now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second() != second) {
            s = new Stamp(second, new AsciiString(HttpDates.format(Instant.ofEpochSecond(second))));
            stamp = s;
        }
        return s.value();
    }
}
