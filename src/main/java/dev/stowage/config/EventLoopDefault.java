package dev.stowage.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Sets the default number of Vert.x event loops to the number of available processors (the container's CPU
 * limit under Kubernetes) instead of Quarkus' twice that. The event loops here only parse request heads and move
 * bytes between sockets and the request threads, whose virtual threads run on as many carriers as there are
 * processors: with twice as many event loops as processors, the threads preempt each other. On two cores, wrk's
 * presigned 4 KiB GETs (64 connections) ran at 50,000–61,600/s with four event loops, 62,500–63,300/s with two and
 * 50,000–52,200/s with one.
 *
 * <p>The lowest ordinal of any source: {@code application.properties}, {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE}
 * and {@code -Dquarkus.vertx.event-loops-pool-size} still set it.
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
        return Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
