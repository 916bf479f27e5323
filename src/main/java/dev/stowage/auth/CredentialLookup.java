package dev.stowage.auth;

import java.util.Optional;

/** Finds the credential of an access key for a signature check; unknown and disabled keys are refused alike. */
final class CredentialLookup {
    private final CredentialStore store;

    CredentialLookup(CredentialStore store) {
        this.store = store;
    }

    /**
     * @throws dev.stowage.s3.error.S3Exception InvalidAccessKeyId (403) for an unknown or inactive key, as AWS
     *     answers for both
     */
    Credential require(String accessKeyId) {
        Optional<Credential> found = store.find(accessKeyId);
        if (found.isEmpty() || !found.get().enabled()) {
            throw AuthErrors.unknownAccessKey(accessKeyId);
        }
        return found.get();
    }
}
