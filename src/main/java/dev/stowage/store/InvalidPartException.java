package dev.stowage.store;

/** A part named in a completion was never uploaded, or its ETag differs from the stored part's. */
public final class InvalidPartException extends StoreException {
    private final int partNumber;
    private final String etag;

    public InvalidPartException(String uploadId, int partNumber, String etag) {
        super(uploadId);
        this.partNumber = partNumber;
        this.etag = etag;
    }

    public int partNumber() {
        return partNumber;
    }

    /** The ETag as the client gave it. */
    public String etag() {
        return etag;
    }
}
