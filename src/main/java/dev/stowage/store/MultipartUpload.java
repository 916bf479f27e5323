package dev.stowage.store;

import java.time.Instant;

/**
 * A multipart upload in progress: its id, the key it will complete to, when it was created, and the attributes
 * given at creation, which become the object's (including system facts such as the checksum algorithm).
 */
public record MultipartUpload(String uploadId, String key, Instant initiated, ObjectAttributes attributes) {}
