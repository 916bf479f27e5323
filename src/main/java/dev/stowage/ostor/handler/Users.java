package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.UserSelector;

/** Finds the user a request names. */
final class Users {
    private Users() {}

    /** The user of {@code selector}; {@link NoSuchUserException} (404) when there is none. */
    static UserAccount require(Accounts accounts, UserSelector selector) {
        return (switch (selector) {
            case UserSelector.ByEmail e -> accounts.findByEmail(e.email());
            case UserSelector.ById i -> accounts.findById(i.id());
        }).orElseThrow(() -> new NoSuchUserException("There is no user with " + selector.describe() + "."));
    }
}
