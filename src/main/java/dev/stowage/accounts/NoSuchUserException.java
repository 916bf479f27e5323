package dev.stowage.accounts;

/** The user does not exist. */
public final class NoSuchUserException extends AccountException {
    public NoSuchUserException(String message) {
        super(message);
    }
}
