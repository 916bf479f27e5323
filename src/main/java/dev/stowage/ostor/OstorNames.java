package dev.stowage.ostor;

/** The words of the ostor admin services: query parameters as the ostor clients send them, and response headers. */
public final class OstorNames {
    private OstorNames() {}

    /** Every ostor service word starts with this; a request naming one is an ostor request. */
    public static final String SERVICE_PREFIX = "ostor-";

    // Services (the first query word).
    public static final String USERS = "ostor-users";
    public static final String BUCKETS = "ostor-buckets";
    public static final String LIMITS = "ostor-limits";
    public static final String USAGE = "ostor-usage";

    // Selectors: at most one per request.
    public static final String P_EMAIL_ADDRESS = "emailAddress";
    public static final String P_ID = "id";
    /** ostor-limits only: the bucket whose limits are meant, instead of a user. */
    public static final String P_BUCKET = "bucket";

    // ostor-limits: the guide's form (limit-type, limit-resource, limit-value) and the older bare-word form
    // (&ops&get=N, &bandwidth&out=N) whose type word is the limit type and whose resource is the parameter name.
    public static final String P_LIMIT_TYPE = "limit-type";
    public static final String P_LIMIT_RESOURCE = "limit-resource";
    public static final String P_LIMIT_VALUE = "limit-value";

    // ostor-users actions and flags.
    public static final String P_SYSTEM = "system";
    public static final String P_DISABLE = "disable";
    public static final String P_ENABLE = "enable";
    public static final String P_GEN_KEY = "genKey";
    public static final String P_REVOKE_KEY = "revokeKey";
    /** Grants a permission ({@code grantPermission=utapi:ListMetrics}): Stowage's addition (metering). */
    public static final String P_GRANT_PERMISSION = "grantPermission";
    /** Revokes a permission ({@code revokePermission=utapi:ListMetrics}). */
    public static final String P_REVOKE_PERMISSION = "revokePermission";

    // ostor-usage: the usage object (get, delete) and paging of the list.
    public static final String P_OBJ = "obj";
    public static final String P_AFTER = "after";
    public static final String P_LIMIT = "limit";

    // Response headers: ostor's readable error message, and the error code next to it.
    public static final String X_AMZ_ERR_MESSAGE_OUT = "X-Amz-Err-Message";
    public static final String X_AMZ_ERR_CODE_OUT = "X-Amz-Err-Code";

    public static final String APPLICATION_JSON = "application/json";
}
