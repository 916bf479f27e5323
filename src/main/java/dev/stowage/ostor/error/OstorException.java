package dev.stowage.ostor.error;

/** The one exception that carries an ostor error to the wire: the error and a readable message. */
public final class OstorException extends RuntimeException {
    private final OstorError error;

    public OstorException(OstorError error) {
        this(error, error.message());
    }

    public OstorException(OstorError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public OstorError error() {
        return error;
    }
}
