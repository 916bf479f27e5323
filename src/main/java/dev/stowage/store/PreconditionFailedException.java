package dev.stowage.store;

/** A conditional write's {@link WriteCondition} did not hold: nothing was written. */
public final class PreconditionFailedException extends StoreException {
    private final String header;

    /** @param header the condition's header that failed ({@code If-Match}, {@code If-None-Match}) */
    public PreconditionFailedException(String key, String header) {
        super(key);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
