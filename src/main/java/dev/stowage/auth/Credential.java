package dev.stowage.auth;

/** An access key and what it stands for. {@code system} marks an administrator of the ostor services. */
public record Credential(String accessKeyId, String secretKey, String userId, String displayName, boolean system,
        boolean enabled) {}
