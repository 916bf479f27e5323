package dev.stowage.store;

/** The bucket does not exist. */
public final class NoSuchBucketException extends StoreException {
    public NoSuchBucketException(String subject) {
        super(subject);
    }
}
