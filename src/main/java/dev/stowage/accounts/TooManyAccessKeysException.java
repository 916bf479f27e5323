package dev.stowage.accounts;

/** The user already has the maximum number of access keys. */
public final class TooManyAccessKeysException extends AccountException {
    public TooManyAccessKeysException(String message) {
        super(message);
    }
}
