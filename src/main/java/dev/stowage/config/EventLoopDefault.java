package dev.stowage.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Sets the default number of Vert.x event loops to half the available processors ({@link ServerThreads}) instead
 * of Quarkus' twice the processors. The lowest ordinal of any source: {@code application.properties},
 * {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} and {@code -Dquarkus.vertx.event-loops-pool-size} still set it.
 */
public final class EventLoopDefault implements ConfigSource {
    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";
    /** Below the application.properties files (250 and 260), environment (300) and system properties (400). */
    private static final int ORDINAL = 50;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(EVENT_LOOPS);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(EVENT_LOOPS, eventLoops());
    }

    @Override
    public String getValue(String propertyName) {
        return EVENT_LOOPS.equals(propertyName) ? eventLoops() : null;
    }

    @Override
    public String getName() {
        return "stowage-event-loop-default";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    private static String eventLoops() {
        return Integer.toString(ServerThreads.eventLoops(ServerThreads.processors()));
    }
}
