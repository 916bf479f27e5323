package dev.stowage.accounts.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void isValid_ordinaryAddresses_areAccepted() {
        for (String email : new String[] {"user@example.com", "First.Last@Example.COM", "a+tag@sub.example.co.uk",
                "o'brien@example.ie", "x_y-z@example-domain.org", "system@stowage.local", "1@2.io"}) {
            assertThat(EmailAddresses.isValid(email)).as(email).isTrue();
        }
    }

    @Test
    void isValid_malformedAddresses_areRefused() {
        for (String email : new String[] {"plain", "@example.com", "user@", "user@example", "a@@example.com",
                "a b@example.com", "a@exa mple.com", ".a@example.com", "a.@example.com", "a..b@example.com",
                "a@example..com", "a@-example.com", "a@example-.com", "a@example.c0m1", "ä@example.com",
                "a@example.com\n", "a\"b@example.com", "<a@example.com>", "a@example.com;b@example.com"}) {
            assertThat(EmailAddresses.isValid(email)).as(email).isFalse();
        }
    }

    @Test
    void isValid_overlongAddresses_areRefused() {
        assertThat(EmailAddresses.isValid("a".repeat(65) + "@example.com")).isFalse();
        assertThat(EmailAddresses.isValid("a@" + "b".repeat(250) + ".com")).isFalse();
        assertThat(EmailAddresses.isValid("a".repeat(64) + "@example.com")).isTrue();
    }
}
