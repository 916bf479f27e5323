package dev.stowage.cli;

/** The CLI's exit codes, one per kind of failure, so scripts can tell them apart. */
enum ExitStatus {
    OK(0),
    /** Bad invocation: unknown option, missing selector, malformed email or limit, missing credentials, HTTP 400. */
    USAGE(1),
    /** HTTP 404: no such user, access key or (limits) bucket. */
    NOT_FOUND(2),
    /** HTTP 409: the email exists, the user owns buckets, the user already has two keys. */
    CONFLICT(3),
    /** HTTP 401/403: bad credentials, a disabled key, or a key that is not a system user's. */
    AUTH(4),
    /** No HTTP answer at all: connection refused, unknown host, timeout. */
    UNREACHABLE(5),
    /** Any other failure: HTTP 5xx, an unexpected status or an unreadable answer. */
    GATEWAY_ERROR(6);

    final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /** What an HTTP error status means for the exit code. */
    static ExitStatus ofHttpStatus(int status) {
        return switch (status) {
            case 400 -> USAGE;
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> GATEWAY_ERROR;
        };
    }
}
