package dev.stowage.ostor.error;

/**
 * Every error the ostor admin services answer with: the code (literal, never derived from the constant's name),
 * the HTTP status and the default message. The message a client sees is usually a more specific one.
 */
public enum OstorError {
    INVALID_ARGUMENT("InvalidArgument", 400, "The request's parameters are not valid for this service."),
    INVALID_EMAIL("InvalidEmail", 400, "The email address is not valid."),
    ACCESS_DENIED("AccessDenied", 403, "Access Denied: the ostor admin services answer system users only."),
    NO_SUCH_USER("NoSuchUser", 404, "The specified user does not exist."),
    NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist."),
    NO_SUCH_USAGE_OBJECT("NoSuchKey", 404, "The specified usage statistics object does not exist."),
    NO_SUCH_ACCESS_KEY("NoSuchAccessKey", 404, "The specified access key does not exist for this user."),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this service."),
    USER_ALREADY_EXISTS("UserAlreadyExists", 409, "A user with this email address already exists."),
    TOO_MANY_ACCESS_KEYS("TooManyAccessKeys", 409, "The user already has the maximum number of access keys."),
    USER_OWNS_BUCKETS("UserOwnsBuckets", 409, "The user owns buckets; delete them before the user."),
    INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
    NOT_IMPLEMENTED("NotImplemented", 501, "This ostor service is not implemented by this gateway yet.");

    private final String code;
    private final int status;
    private final String message;

    OstorError(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** The code as it appears in the body's {@code Code} and the {@code X-Amz-Err-Code} header. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
