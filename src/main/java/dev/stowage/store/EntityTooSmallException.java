package dev.stowage.store;

/** A part other than the last of a completion is smaller than the minimum part size. */
public final class EntityTooSmallException extends StoreException {
    private final int partNumber;
    private final long size;
    private final long minSize;
    private final String etag;

    public EntityTooSmallException(String uploadId, int partNumber, long size, long minSize, String etag) {
        super(uploadId);
        this.partNumber = partNumber;
        this.size = size;
        this.minSize = minSize;
        this.etag = etag;
    }

    public int partNumber() {
        return partNumber;
    }

    public long size() {
        return size;
    }

    public long minSize() {
        return minSize;
    }

    /** The part's ETag (no quotes). */
    public String etag() {
        return etag;
    }
}
