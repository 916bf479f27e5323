package dev.stowage.metering.utapi;

/** A UTAPI request refused: the error and the description sent (the table's unless customized). */
public final class UtapiException extends RuntimeException {
    private final UtapiError error;

    public UtapiException(UtapiError error) {
        this(error, error.description());
    }

    public UtapiException(UtapiError error, String description) {
        super(description);
        this.error = error;
    }

    public UtapiError error() {
        return error;
    }
}
