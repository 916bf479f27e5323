package dev.stowage.metering.utapi;

/**
 * The errors of UTAPI, with the codes, HTTP statuses and descriptions of UTAPI's error table (seed
 * {@code 004}), plus {@code SignatureDoesNotMatch}, which UTAPI passes on from S3 signature checking.
 */
public enum UtapiError {
    ACCESS_DENIED("AccessDenied", 403, "The requester does not have access to the resource or action."),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 403, "The request signature does not conform to AWS V4 standards."),
    INTERNAL_ERROR("InternalError", 500,
            "The request processing has failed because of an unknown error, exception or failure."),
    INVALID_ACTION("InvalidAction", 400,
            "The action or operation requested is invalid. Verify that the action is typed correctly."),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403, "The AWS access key ID provided does not exist in our records."),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400,
            "An invalid or out-of-range value was supplied for the input parameter."),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400,
            "The start time or end time value is invalid. Start time cannot be greater than end time."),
    INVALID_QUERY_PARAMETER("InvalidQueryParameter", 400, "The query string is malformed."),
    MALFORMED_QUERY_STRING("MalformedQueryString", 404, "The query string contains a syntax error."),
    MISSING_ACTION("MissingAction", 400, "The request is missing an action or a required parameter."),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403,
            "The request must contain a valid (registered) access key ID."),
    MISSING_PARAMETER("MissingParameter", 400, "A required parameter for the specified action is not supplied."),
    REQUEST_EXPIRED("RequestExpired", 400,
            "The request reached the service more than 15 minutes after the date stamp on the request or more than"
                    + " 15 minutes after the request expiration date (such as for presigned URLs), or the date stamp"
                    + " on the request is more than 15 minutes in the future."),
    VALIDATION_ERROR("ValidationError", 400, "The input fails to satisfy the constraints specified by the UTAPI service."),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided.");

    private final String code;
    private final int status;
    private final String description;

    UtapiError(String code, int status, String description) {
        this.code = code;
        this.status = status;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }
}
