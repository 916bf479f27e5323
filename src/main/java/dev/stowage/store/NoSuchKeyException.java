package dev.stowage.store;

/** The key does not exist. */
public final class NoSuchKeyException extends StoreException {
    public NoSuchKeyException(String subject) {
        super(subject);
    }
}
