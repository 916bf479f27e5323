package dev.stowage.store;

import java.util.Optional;

/** A bucket of this name exists. */
public final class BucketAlreadyExistsException extends StoreException {
    private final BucketInfo existing;

    public BucketAlreadyExistsException(String subject) {
        this(subject, null);
    }

    /** {@code existing} is the bucket holding the name, when the store could read it. */
    public BucketAlreadyExistsException(String subject, BucketInfo existing) {
        super(subject);
        this.existing = existing;
    }

    /** The bucket holding the name (to tell BucketAlreadyOwnedByYou from BucketAlreadyExists), if known. */
    public Optional<BucketInfo> existing() {
        return Optional.ofNullable(existing);
    }
}
