package dev.stowage.bootstrap;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.db.DbCredentialStore;
import dev.stowage.auth.Credential;
import dev.stowage.auth.CredentialStore;
import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.config.StowageConfig;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.fs.FsObjectStore;
import dev.stowage.usage.StorageLedger;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the gateway's long-lived pieces: the store, the credentials, the authenticator; and makes sure the system
 * user exists.
 */
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

    /** Access keys from the accounts database, answered from memory and kept current by its change notifications. */
    @Produces
    @Singleton
    CredentialStore credentialStore(DbCredentialStore store) {
        return store;
    }

    /**
     * The system user of the credentials file exists in the accounts database: created at the first start, found
     * at every later one and by every other gateway sharing the database.
     */
    void ensureSystemUser(@Observes StartupEvent event, SystemUser systemUser, Accounts accounts) {
        Credential c = systemUser.credential();
        accounts.ensureUser(c.userId(), c.displayName(), true, new AccessKeyPair(c.accessKeyId(), c.secretKey()));
    }

    @Produces
    @Singleton
    RequestAuthenticator authenticator(CredentialStore credentials) {
        return new RequestAuthenticator(credentials, Clock.systemUTC());
    }

    @Produces
    @Singleton
    ObjectStore objectStore(StowageConfig config, StorageLedger storageLedger) throws IOException {
        return new FsObjectStore(Path.of(config.dataDir()).toAbsolutePath(), Clock.systemUTC(),
                config.store().syncDeletes(), storageLedger);
    }

    void closeStore(@Disposes ObjectStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** The system user of this deployment and the file its credentials live in. */
    public record SystemUser(Credential credential, Path credentialsFile) {}
}
