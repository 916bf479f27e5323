package dev.stowage.usage;

/**
 * One bucket's storage as this gateway knows it: bytes and objects stored now, the most bytes stored since the
 * current usage period began ({@code hmax}), and the integral of stored bytes over time since then
 * ({@code hIntegral}, byte-seconds, computed up to {@code lastTs}, Unix seconds) — GB-hours for billing are
 * {@code hIntegral / 3600 / 10^9}, plus {@code current × (now − lastTs)} for the time since. Immutable.
 */
public record BucketStorage(String bucket, long epoch, String ownerId, long current, long objects, long hmax,
        long hIntegral, long lastTs) {

    /** An empty bucket seen first at {@code now}. */
    static BucketStorage empty(String bucket, long epoch, String ownerId, long now) {
        return new BucketStorage(bucket, epoch, ownerId, 0, 0, 0, 0, now);
    }

    /** The integral carried forward to {@code now} at the current size. */
    BucketStorage advancedTo(long now) {
        if (now <= lastTs) {
            return this;
        }
        return new BucketStorage(bucket, epoch, ownerId, current, objects, hmax,
                saturatedAdd(hIntegral, saturatedMultiply(current, now - lastTs)), now);
    }

    /** Advanced to {@code now}, then changed by the deltas. */
    BucketStorage changed(long now, long deltaBytes, long deltaObjects) {
        BucketStorage a = advancedTo(now);
        long bytes = Math.max(0, a.current + deltaBytes);
        return new BucketStorage(bucket, epoch, ownerId, bytes, Math.max(0, a.objects + deltaObjects),
                Math.max(a.hmax, bytes), a.hIntegral, a.lastTs);
    }

    /** Advanced to {@code now}, then set to the measured totals. */
    BucketStorage measured(long now, long bytes, long count) {
        BucketStorage a = advancedTo(now);
        return new BucketStorage(bucket, epoch, ownerId, bytes, count, Math.max(a.hmax, bytes), a.hIntegral,
                a.lastTs);
    }

    /** A new period from {@code now}: the integral starts again at 0, the maximum at the current size. */
    BucketStorage newPeriod(long now) {
        return new BucketStorage(bucket, epoch, ownerId, current, objects, current, 0, Math.max(now, lastTs));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
