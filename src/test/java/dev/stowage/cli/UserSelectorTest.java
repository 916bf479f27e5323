package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserSelectorTest {
    @Test
    void validEmail_acceptsWhatTheGatewayAccepts() {
        for (String ok : new String[] {"user@email.com", "client@example.com", "ops+billing@mail.example.co.uk",
                "a.b-c_d@x1.io", "system@stowage.local"}) {
            assertThat(UserSelector.isValidEmail(ok)).as(ok).isTrue();
        }
    }

    @Test
    void validEmail_refusesTyposAndInjection() {
        for (String bad : new String[] {"", "user", "@example.com", "user@", "user@localhost", "user@example.123",
                "us er@example.com", "user@@example.com", "user@exa_mple.com", "user@-example.com", ".user@example.com",
                "user@example.com&system", "user@example..com", "x".repeat(65) + "@example.com"}) {
            assertThat(UserSelector.isValidEmail(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> UserSelector.validEmail("user@localhost"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.status).isEqualTo(ExitStatus.USAGE))
                .hasMessage("invalid email address 'user@localhost'");
    }

    @Test
    void queryParameter_percentEncodesAllButUnreservedAndAt() {
        UserSelector byEmail = new UserSelector();
        byEmail.email = "ops+1@example.com";
        assertThat(byEmail.queryParameter()).isEqualTo("emailAddress=ops%2B1@example.com");
        UserSelector byId = new UserSelector();
        byId.id = "a49e12a226bd760f";
        assertThat(byId.queryParameter()).isEqualTo("id=a49e12a226bd760f");
        assertThat(UserSelector.encode("a&b=c d/é")).isEqualTo("a%26b%3Dc%20d%2F%C3%A9");
    }
}
