package dev.stowage.metering;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One CloudStack usage record: one account's usage of one type on one bucket over one aggregation period (a day,
 * midnight to 23:59:59 UTC, as CloudStack's daily aggregation dates it).
 *
 * @param accountId the user's id (16 hex digits)
 * @param account the user's email, or its id when the user no longer exists
 * @param bucket the bucket's name (CloudStack's {@code usageid})
 * @param epoch the bucket's epoch
 * @param type the usage type
 * @param rawUsage the amount in the type's unit
 * @param start the first second of the period
 * @param end the last second of the period
 */
public record UsageRecord(String accountId, String account, String bucket, long epoch, UsageType type,
        BigDecimal rawUsage, Instant start, Instant end) {

    /** CloudStack's {@code description}: what the record tracks. */
    public String description() {
        String what = switch (type) {
            case NETWORK_BYTES_SENT -> "bytes sent";
            case NETWORK_BYTES_RECEIVED -> "bytes received";
            case OBJECT_STORAGE -> "storage";
            case OBJECT_PUT_REQUESTS -> "PUT requests";
            case OBJECT_GET_REQUESTS -> "GET requests";
            case OBJECT_LIST_REQUESTS -> "LIST requests";
            case OBJECT_OTHER_REQUESTS -> "other requests";
        };
        return "Bucket " + bucket + " (epoch " + epoch + ") " + what;
    }

    /** CloudStack's {@code usage}: the raw usage with its unit. */
    public String usage() {
        return type.usage(rawUsage);
    }
}
