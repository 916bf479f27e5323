package dev.stowage.accounts;

/** The user has no such access key. */
public final class NoSuchAccessKeyException extends AccountException {
    public NoSuchAccessKeyException(String message) {
        super(message);
    }
}
