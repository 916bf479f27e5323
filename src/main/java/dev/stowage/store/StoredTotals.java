package dev.stowage.store;

/** What a bucket holds, as measured by walking it: the bytes of its objects' bodies and their number. */
public record StoredTotals(long bytes, long objects) {}
