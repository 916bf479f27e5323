package dev.stowage.store;

import java.time.Instant;

/**
 * A bucket's facts. {@code epoch} is new each time a bucket of this name is created, so usage of successive
 * buckets of one name can be told apart.
 */
public record BucketInfo(String name, String ownerId, Instant created, long epoch, String location) {}
