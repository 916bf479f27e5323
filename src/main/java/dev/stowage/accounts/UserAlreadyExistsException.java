package dev.stowage.accounts;

/** A user with this email exists. */
public final class UserAlreadyExistsException extends AccountException {
    public UserAlreadyExistsException(String message) {
        super(message);
    }
}
