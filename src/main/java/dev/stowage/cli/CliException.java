package dev.stowage.cli;

/** A failure the CLI reports as one line on stderr, exiting with {@link #status}. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final ExitStatus status;

    CliException(ExitStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
