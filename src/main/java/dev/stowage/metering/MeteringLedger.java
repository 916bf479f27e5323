package dev.stowage.metering;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * What the metering surfaces (UTAPI ListMetrics, the CloudStack usage records, the billing exports) read: the one
 * metering pipeline's traffic per 15-minute slot and S3 action, and its storage accounting. Every surface reads
 * through this interface only, so they all agree with each other and with the ostor usage objects to the byte.
 *
 * <p>Blocking: called from virtual threads and scheduler workers, never from an event loop. Instants passed as
 * range bounds are on 15-minute slot boundaries ({@link Slots}); ranges are half-open, {@code [from, to)}.
 */
public interface MeteringLedger {

    /**
     * Traffic in {@code [from, to)}, summed over the slots of the range, one row per bucket (name and epoch),
     * requesting user and S3 action. Rows with nothing counted are left out.
     */
    List<Traffic> traffic(Instant from, Instant to);

    /** Every bucket's bytes stored and object count at {@code at}; buckets that did not exist then are left out. */
    List<Storage> storageAt(Instant at);

    /** Each bucket's byte×seconds integral over {@code [from, to)}; buckets with a zero integral are left out. */
    List<ByteSeconds> byteSeconds(Instant from, Instant to);

    /**
     * Traffic of one bucket (epoch) by one user with one action.
     *
     * @param bucket the bucket's name
     * @param epoch the bucket's epoch (successive buckets of one name have different epochs)
     * @param ownerId the bucket's owner (the account billed for it); null when no longer known
     * @param userId the user who sent the requests (the usage key's {@code user_id})
     * @param action the AWS action name as the gateway records it ({@code PutObject}, {@code ListObjectsV2})
     * @param ops requests counted
     * @param bytesIn request body bytes received
     * @param bytesOut response body bytes sent
     */
    record Traffic(String bucket, long epoch, String ownerId, String userId, String action, long ops, long bytesIn,
            long bytesOut) {}

    /** A bucket's stored bytes and objects at one instant. */
    record Storage(String bucket, long epoch, String ownerId, long bytes, long objects) {}

    /** A bucket's stored bytes integrated over time (byte×seconds). */
    record ByteSeconds(String bucket, long epoch, String ownerId, BigInteger byteSeconds) {}
}
