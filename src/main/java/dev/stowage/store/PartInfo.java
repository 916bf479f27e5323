package dev.stowage.store;

import java.time.Instant;
import java.util.Map;

/**
 * A stored part of a multipart upload: number, size, ETag (MD5 hex, no quotes), when it was stored, and its
 * system facts (e.g. its checksum), kept as {@link ObjectAttributes#system()} is for objects.
 */
public record PartInfo(int partNumber, long size, String etag, Instant lastModified, Map<String, String> system) {}
