package dev.stowage.store;

/** A part as a completion request names it: its number and the ETag the client received (no quotes). */
public record CompletedPart(int partNumber, String etag) {}
