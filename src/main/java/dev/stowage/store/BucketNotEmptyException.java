package dev.stowage.store;

/** The bucket holds objects. */
public final class BucketNotEmptyException extends StoreException {
    public BucketNotEmptyException(String subject) {
        super(subject);
    }
}
