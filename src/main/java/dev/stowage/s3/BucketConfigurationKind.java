package dev.stowage.s3;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bucket configurations Stowage does not keep, one per sub-resource: the AWS actions that read and delete it,
 * and what AWS answers for a bucket that has none — a not-found error ({@link #missing}) or a document saying
 * "nothing configured" ({@link #unconfiguredDocument}). Reads answer that, deletes 204; PUTs are NotImplemented.
 * Stowage does not encrypt at rest, so encryption answers "not found" as for a bucket made before AWS's 2023
 * defaults.
 */
public enum BucketConfigurationKind {
    ENCRYPTION("encryption", "GetBucketEncryption", "DeleteBucketEncryption",
            S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND),
    WEBSITE("website", "GetBucketWebsite", "DeleteBucketWebsite", S3ErrorCode.NO_SUCH_WEBSITE_CONFIGURATION),
    LOGGING("logging", "GetBucketLogging", null, new XmlWriter().openRoot("BucketLoggingStatus")
            .close("BucketLoggingStatus")),
    NOTIFICATION("notification", "GetBucketNotificationConfiguration", null,
            new XmlWriter().openRoot("NotificationConfiguration").close("NotificationConfiguration")),
    REPLICATION("replication", "GetBucketReplication", "DeleteBucketReplication",
            S3ErrorCode.REPLICATION_CONFIGURATION_NOT_FOUND),
    REQUEST_PAYMENT("requestPayment", "GetBucketRequestPayment", null,
            new XmlWriter().openRoot("RequestPaymentConfiguration").element("Payer", "BucketOwner")
                    .close("RequestPaymentConfiguration")),
    ACCELERATE("accelerate", "GetBucketAccelerateConfiguration", null,
            new XmlWriter().openRoot("AccelerateConfiguration").close("AccelerateConfiguration")),
    OBJECT_LOCK("object-lock", "GetObjectLockConfiguration", null, S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND);

    private final String subresource;
    private final String getAction;
    private final String deleteAction;
    private final S3ErrorCode missing;
    private final String unconfigured;

    BucketConfigurationKind(String subresource, String getAction, String deleteAction, S3ErrorCode missing) {
        this.subresource = subresource;
        this.getAction = getAction;
        this.deleteAction = deleteAction;
        this.missing = missing;
        this.unconfigured = null;
    }

    BucketConfigurationKind(String subresource, String getAction, String deleteAction, XmlWriter unconfigured) {
        this.subresource = subresource;
        this.getAction = getAction;
        this.deleteAction = deleteAction;
        this.missing = null;
        this.unconfigured = unconfigured.toString();
    }

    /** The kind a query parameter names ({@code policy}, {@code object-lock}, ...), or null for any other. */
    public static BucketConfigurationKind forSubresource(String name) {
        for (BucketConfigurationKind kind : values()) {
            if (kind.subresource.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    /** Every AWS action these kinds answer, reads and deletes. */
    public static List<String> actions() {
        List<String> actions = new ArrayList<>();
        for (BucketConfigurationKind kind : values()) {
            actions.add(kind.getAction);
            if (kind.deleteAction != null) {
                actions.add(kind.deleteAction);
            }
        }
        return actions;
    }

    public String subresource() {
        return subresource;
    }

    /** The AWS action reading it ({@code GetBucketPolicy}). */
    public String getAction() {
        return getAction;
    }

    /** The AWS action deleting it ({@code DeleteBucketPolicy}), or null when AWS has none. */
    public String deleteAction() {
        return deleteAction;
    }

    /** The error a read answers for a bucket without it, or null when the read answers {@link #unconfiguredDocument}. */
    public S3ErrorCode missing() {
        return missing;
    }

    /** The document a read answers for a bucket without it (200), when {@link #missing} is null. */
    public byte[] unconfiguredDocument() {
        return unconfigured.getBytes(StandardCharsets.UTF_8);
    }
}
