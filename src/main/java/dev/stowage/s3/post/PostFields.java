package dev.stowage.s3.post;

/** The POST Object form fields the gateway reads, lower-case (form field names are case-insensitive). */
public final class PostFields {
    private PostFields() {}

    public static final String KEY = "key";
    /** Not a form field: the bucket posted to, which the policy's conditions must name like one. */
    public static final String BUCKET = "bucket";
    public static final String FILE = "file";
    public static final String POLICY = "policy";
    public static final String SIGNATURE = "signature";
    public static final String X_AMZ_SIGNATURE = "x-amz-signature";
    public static final String AWS_ACCESS_KEY_ID = "awsaccesskeyid";
    public static final String ACL = "acl";
    public static final String TAGGING = "tagging";
    public static final String SUCCESS_ACTION_REDIRECT = "success_action_redirect";
    /** The older name of {@link #SUCCESS_ACTION_REDIRECT}. */
    public static final String REDIRECT = "redirect";
    public static final String SUCCESS_ACTION_STATUS = "success_action_status";
    /** Fields so named are ignored: no policy condition needs to name them. */
    public static final String IGNORED_PREFIX = "x-ignore-";
}
