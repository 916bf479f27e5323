package dev.stowage.store;

/** The body ended before the length the client announced. */
public final class IncompleteBodyException extends StoreException {
    public IncompleteBodyException(String subject) {
        super(subject);
    }
}
