package dev.stowage.accounts;

import java.time.Instant;

/** A bucket's ownership as the account store keeps it; {@code epoch} is new for every creation of that name. */
public record BucketRecord(String name, String ownerId, Instant created, long epoch) {}
