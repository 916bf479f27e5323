package dev.stowage.bootstrap;

import dev.stowage.accounts.InMemoryCredentialStore;
import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.config.StowageConfig;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.fs.FsObjectStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the gateway's long-lived pieces: the store, the credentials, the authenticator. */
public class GatewayBeans {

    @Produces
    @Singleton
    SystemUser systemUser(StowageConfig config) {
        StowageConfig.SystemUser s = config.systemUser();
        Path dataDir = Path.of(config.dataDir()).toAbsolutePath();
        Credential credential = SystemUserFile.loadOrCreate(dataDir, s.email(), s.accessKey().orElse(null),
                s.secretKey().orElse(null));
        return new SystemUser(credential, dataDir.resolve(SystemUserFile.FILE_NAME));
    }

    @Produces
    @Singleton
    @DefaultBean
    CredentialStore credentialStore(SystemUser systemUser) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.put(systemUser.credential());
        return store;
    }

    @Produces
    @Singleton
    RequestAuthenticator authenticator(CredentialStore credentials) {
        return new RequestAuthenticator(credentials, Clock.systemUTC());
    }

    @Produces
    @Singleton
    ObjectStore objectStore(StowageConfig config) throws IOException {
        return new FsObjectStore(Path.of(config.dataDir()).toAbsolutePath(), Clock.systemUTC());
    }

    void closeStore(@Disposes ObjectStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** The system user of this deployment and the file its credentials live in. */
    public record SystemUser(Credential credential, Path credentialsFile) {}
}
