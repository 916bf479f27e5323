package dev.stowage.metering.cloudstack;

/**
 * The errors of the usage API, as CloudStack reports them: the HTTP status, which is also the {@code errorcode}
 * (CloudStack's {@code ApiErrorCode}), and the {@code cserrorcode} (CloudStack's exception code: 4350 invalid
 * parameter value, 4365 permission denied, 4545 request limit, 9999 anything else).
 */
public enum CloudStackError {
    /** Bad or missing signature or API key, or an expired request. */
    UNAUTHORIZED(401, 9999),
    /** A valid key whose user may not use the usage API (not a system user). */
    PERMISSION_DENIED(401, 4365),
    /** The account's calls exceeded {@code api.throttling.max} in the interval. */
    API_LIMIT_EXCEEDED(429, 4545),
    /** A missing or invalid parameter. */
    PARAM_ERROR(431, 4350),
    /** A command this API does not have. */
    UNSUPPORTED_ACTION(432, 9999),
    /** Anything unexpected. */
    INTERNAL_ERROR(530, 9999);

    private final int errorCode;
    private final int csErrorCode;

    CloudStackError(int errorCode, int csErrorCode) {
        this.errorCode = errorCode;
        this.csErrorCode = csErrorCode;
    }

    /** The HTTP status and {@code errorcode}. */
    public int errorCode() {
        return errorCode;
    }

    public int csErrorCode() {
        return csErrorCode;
    }
}
