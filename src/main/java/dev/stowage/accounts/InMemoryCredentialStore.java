package dev.stowage.accounts;

import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access keys held in memory: the hot-path view of whatever holds accounts durably. */
public final class InMemoryCredentialStore implements CredentialStore {
    private final ConcurrentHashMap<String, Credential> byKey = new ConcurrentHashMap<>();

    @Override
    public Optional<Credential> find(String accessKeyId) {
        return Optional.ofNullable(byKey.get(accessKeyId));
    }

    public void put(Credential credential) {
        byKey.put(credential.accessKeyId(), credential);
    }

    public void remove(String accessKeyId) {
        byKey.remove(accessKeyId);
    }
}
