package dev.stowage.auth;

import java.util.Optional;

/**
 * Looks up access keys on the hot path. Implementations answer from memory; a change to a key (disable, delete,
 * revoke) must reach every replica promptly.
 */
public interface CredentialStore {
    Optional<Credential> find(String accessKeyId);
}
