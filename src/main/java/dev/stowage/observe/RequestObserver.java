package dev.stowage.observe;

/**
 * Told of every finished request, once, on the request's own (virtual) thread after the response is sent.
 * Implementations are CDI beans; they must be quick and must not throw (a failure is logged and ignored).
 */
public interface RequestObserver {
    void completed(RequestRecord record);
}
