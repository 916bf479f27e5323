package dev.stowage.store;

/** No multipart upload of that id (never created, malformed, aborted or completed, or for another key). */
public final class NoSuchUploadException extends StoreException {
    public NoSuchUploadException(String uploadId) {
        super(uploadId);
    }
}
