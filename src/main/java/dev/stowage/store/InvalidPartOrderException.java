package dev.stowage.store;

/** The parts of a completion are not in ascending part-number order (or one is named twice). */
public final class InvalidPartOrderException extends StoreException {
    public InvalidPartOrderException(String uploadId) {
        super(uploadId);
    }
}
