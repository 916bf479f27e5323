package dev.stowage.metering;

import dev.stowage.s3.BucketConfigurationKind;
import dev.stowage.s3.S3Operation;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names metering shows S3 actions by. UTAPI keys operation counts by IAM action ({@code s3:PutObject}); where the
 * IAM action differs from the API action's name it follows UTAPI ({@code ListObjectsV2} → {@code s3:ListBucket},
 * {@code CreateMultipartUpload} → {@code s3:InitiateMultipartUpload}, {@code DeleteObjects} →
 * {@code s3:MultiObjectDelete}, {@code ListObjectVersions} → {@code s3:ListBucketVersions}); every other action
 * is {@code s3:} + its name.
 */
public final class S3Actions {
    /** The operations UTAPI answers, zero or not, in UTAPI's order. */
    private static final String[] UTAPI_OPERATIONS = {
        "DeleteBucket", "DeleteBucketCors", "DeleteBucketWebsite", "DeleteObjectTagging", "ListBucket",
        "GetBucketAcl", "GetBucketCors", "GetBucketWebsite", "GetBucketLocation", "CreateBucket", "PutBucketAcl",
        "PutBucketCors", "PutBucketWebsite", "PutObject", "CopyObject", "UploadPart", "ListBucketMultipartUploads",
        "ListMultipartUploadParts", "InitiateMultipartUpload", "CompleteMultipartUpload", "AbortMultipartUpload",
        "DeleteObject", "MultiObjectDelete", "GetObject", "GetObjectAcl", "GetObjectTagging", "PutObjectAcl",
        "PutObjectTagging", "HeadBucket", "HeadObject", "PutBucketVersioning", "GetBucketVersioning",
    };

    /** API action → IAM action, where they differ (as UTAPI counts them). */
    private static final Map<String, String> IAM_NAMES = Map.of(
            "ListObjects", "ListBucket",
            "ListObjectsV2", "ListBucket",
            "ListBuckets", "ListAllMyBuckets",
            "CreateMultipartUpload", "InitiateMultipartUpload",
            "UploadPartCopy", "UploadPart",
            "ListMultipartUploads", "ListBucketMultipartUploads",
            "ListParts", "ListMultipartUploadParts",
            "DeleteObjects", "MultiObjectDelete",
            "ListObjectVersions", "ListBucketVersions",
            "PostObject", "PutObject");

    private static final Set<String> OPERATION_KEYS = operationKeys();

    private S3Actions() {}

    /** The UTAPI operation key of a gateway action ({@code s3:ListBucket}); null when it is not an S3 action. */
    public static String utapiKey(String action) {
        if (action == null || action.isEmpty() || !Character.isUpperCase(action.charAt(0))) {
            return null;
        }
        return "s3:" + IAM_NAMES.getOrDefault(action, action);
    }

    /** Every operation key a ListMetrics answer carries: UTAPI's and every action this gateway serves. */
    public static Set<String> operationKeys() {
        if (OPERATION_KEYS != null) {
            return OPERATION_KEYS;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String op : UTAPI_OPERATIONS) {
            keys.add("s3:" + op);
        }
        for (Class<?> served : S3Operation.class.getPermittedSubclasses()) {
            if (served == S3Operation.GetBucketConfiguration.class || served == S3Operation.DeleteBucketConfiguration.class) {
                continue; // served under each kind's AWS action name, below
            }
            String key = utapiKey(served.getSimpleName());
            if (key != null) {
                keys.add(key);
            }
        }
        for (String action : BucketConfigurationKind.actions()) {
            keys.add(utapiKey(action));
        }
        return Collections.unmodifiableSet(keys);
    }
}
