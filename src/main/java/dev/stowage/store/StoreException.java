package dev.stowage.store;

/** A domain condition raised by a store; the subject is the bucket or key it concerns. */
public abstract class StoreException extends RuntimeException {
    private final String subject;

    protected StoreException(String subject) {
        super(subject, null, false, false);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
