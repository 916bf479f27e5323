package dev.stowage.store;

/**
 * A listing request in store terms. {@code after} is exclusive (a marker, a start-after or the key a
 * continuation token stands for); {@code delimiter} may be null or empty for a flat listing.
 */
public record ListQuery(String prefix, String delimiter, String after, int maxKeys) {}
