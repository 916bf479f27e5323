package dev.stowage.store;

/**
 * Told by the store of every change to what a bucket holds, after the change is durable: storage accounting
 * (bytes stored, object counts) follows the store through it. Called on the writing thread; must be quick and
 * must not throw.
 */
public interface StorageListener {
    /** Listens to nothing. */
    StorageListener NONE = (bucket, oldSize, newSize) -> {};

    /**
     * An object of {@code bucket} was created, replaced or deleted.
     *
     * @param oldSize the size of the object it replaced or deleted, -1 when there was none
     * @param newSize the size of the new object, -1 when it was deleted
     */
    void objectChanged(BucketInfo bucket, long oldSize, long newSize);
}
