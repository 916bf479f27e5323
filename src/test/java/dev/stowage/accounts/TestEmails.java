package dev.stowage.accounts;

import java.util.UUID;

/** Emails no other test (or earlier run against the same external database) has used. */
public final class TestEmails {
    private TestEmails() {}

    public static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static String freshBucket(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
