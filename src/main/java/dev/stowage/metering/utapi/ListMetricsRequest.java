package dev.stowage.metering.utapi;

import java.util.List;

/**
 * A ListMetrics request understood.
 *
 * @param level the level asked for
 * @param resources the entities, in the order given (duplicates dropped)
 * @param start the first millisecond of the range, on a 15-minute boundary
 * @param end the last millisecond of the range (…:14:59.999 and so on), or the time of the request when none given
 */
public record ListMetricsRequest(UtapiLevel level, List<String> resources, long start, long end) {}
