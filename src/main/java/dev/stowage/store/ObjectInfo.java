package dev.stowage.store;

import java.time.Instant;

/** An object's metadata as stored: size, ETag (MD5 hex, no quotes), modification time, attributes. */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, ObjectAttributes attributes) {}
