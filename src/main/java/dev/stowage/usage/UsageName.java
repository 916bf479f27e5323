package dev.stowage.usage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A usage object's name, {@code s3-usage-<service id>-<start, yyyy-MM-ddTHH:mm:ss.000Z>-<period>}: the service id
 * as 16 hex digits, the period's start in UTC to the second and the configured period in seconds.
 */
public record UsageName(String serviceId, long startTs, long period) {
    private static final Pattern FORMAT =
            Pattern.compile("s3-usage-([0-9a-f]{16})-(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.000Z-(\\d{1,12})");
    private static final DateTimeFormatter START =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                    .withResolverStyle(ResolverStyle.STRICT);

    /** Oldest first; for one start, by service id. */
    public static final Comparator<UsageName> OLDEST_FIRST =
            Comparator.comparingLong(UsageName::startTs).thenComparing(UsageName::serviceId)
                    .thenComparingLong(UsageName::period);

    /** The parts of a name this gateway could have made; empty for anything else. */
    public static Optional<UsageName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long start = Instant.from(START.parse(m.group(2))).getEpochSecond();
            return Optional.of(new UsageName(m.group(1), start, Long.parseLong(m.group(3))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "s3-usage-" + serviceId + "-" + START.format(Instant.ofEpochSecond(startTs)) + ".000Z-" + period;
    }
}
