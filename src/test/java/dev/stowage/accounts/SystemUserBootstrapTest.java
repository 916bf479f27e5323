package dev.stowage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.auth.CredentialStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The system user of the credentials file is in the accounts database, and its key works, once the gateway is up. */
@QuarkusTest
class SystemUserBootstrapTest {
    /** The test profile's system user (application.properties, %test). */
    private static final String USER_ID = "0123456789abcdef";

    private static final String ACCESS_KEY = "0123456789abcdefTEST";

    @Inject
    Accounts accounts;

    @Inject
    CredentialStore credentials;

    @Test
    void start_systemUserOfCredentialsFile_existsAsSystemUser() {
        UserAccount user = accounts.findById(USER_ID).orElseThrow();
        assertThat(user.system()).isTrue();
        assertThat(user.state()).isEqualTo(UserState.ENABLED);
        assertThat(user.email()).isEqualTo("system@stowage.local");
        assertThat(user.keys()).extracting(AccessKeyPair::accessKeyId).containsExactly(ACCESS_KEY);
    }

    @Test
    void start_systemUsersKey_isInTheCredentialCache() {
        var credential = credentials.find(ACCESS_KEY).orElseThrow();
        assertThat(credential.userId()).isEqualTo(USER_ID);
        assertThat(credential.system()).isTrue();
        assertThat(credential.enabled()).isTrue();
        assertThat(credential.displayName()).isEqualTo("system");
    }

    @Test
    void ensureUser_again_returnsTheSameUserUnchanged() {
        UserAccount before = accounts.findById(USER_ID).orElseThrow();
        UserAccount again = accounts.ensureUser(USER_ID, before.email(), true,
                new AccessKeyPair(ACCESS_KEY, "TestSecretKeyTestSecretKeyTestSecretKey0"));
        assertThat(again).isEqualTo(before);
    }
}
