package dev.stowage.accounts;

/** The email address is not valid. */
public final class InvalidEmailException extends AccountException {
    public InvalidEmailException(String message) {
        super(message);
    }
}
