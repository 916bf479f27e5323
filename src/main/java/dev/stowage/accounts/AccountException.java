package dev.stowage.accounts;

/** A refused account operation; the subclasses say why. The message is fit to show a provider's operator. */
public abstract class AccountException extends RuntimeException {
    protected AccountException(String message) {
        super(message, null, false, false);
    }
}
