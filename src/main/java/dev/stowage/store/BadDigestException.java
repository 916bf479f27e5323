package dev.stowage.store;

/** The content did not match its digest. */
public final class BadDigestException extends StoreException {
    public BadDigestException(String subject) {
        super(subject);
    }
}
