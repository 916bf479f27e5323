package dev.stowage.s3.policy;

import dev.stowage.s3.S3Operation;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy actions of S3 ({@code s3:GetObject}, ...): which the policy language knows, which apply to objects
 * rather than buckets, and which one each S3 operation is checked as (HeadObject as s3:GetObject, ListObjectsV2 as
 * s3:ListBucket, the parts of a multipart upload as s3:PutObject, ...), as AWS's authorization reference lists them.
 */
public final class PolicyActions {
    /** Actions on an object ARN ({@code arn:aws:s3:::bucket/key}). */
    private static final Set<String> OBJECT = lower(Set.of(
            "AbortMultipartUpload", "BypassGovernanceRetention", "DeleteObject", "DeleteObjectTagging",
            "DeleteObjectVersion", "DeleteObjectVersionTagging", "GetObject", "GetObjectAcl", "GetObjectAttributes",
            "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
            "GetObjectVersionAcl", "GetObjectVersionAttributes", "GetObjectVersionForReplication",
            "GetObjectVersionTagging", "GetObjectVersionTorrent", "ListMultipartUploadParts",
            "ObjectOwnerOverrideToBucketOwner", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
            "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging",
            "ReplicateDelete", "ReplicateObject", "ReplicateTags", "RestoreObject"));
    /** Actions on a bucket ARN ({@code arn:aws:s3:::bucket}). */
    private static final Set<String> BUCKET = lower(Set.of(
            "CreateBucket", "DeleteBucket", "DeleteBucketOwnershipControls", "DeleteBucketPolicy",
            "DeleteBucketWebsite", "GetAccelerateConfiguration", "GetAnalyticsConfiguration", "GetBucketAcl",
            "GetBucketCORS", "GetBucketLocation", "GetBucketLogging", "GetBucketNotification",
            "GetBucketObjectLockConfiguration", "GetBucketOwnershipControls", "GetBucketPolicy",
            "GetBucketPolicyStatus", "GetBucketPublicAccessBlock", "GetBucketRequestPayment", "GetBucketTagging",
            "GetBucketVersioning", "GetBucketWebsite", "GetEncryptionConfiguration",
            "GetIntelligentTieringConfiguration", "GetInventoryConfiguration", "GetLifecycleConfiguration",
            "GetMetricsConfiguration", "GetReplicationConfiguration", "ListBucket", "ListBucketMultipartUploads",
            "ListBucketVersions", "PutAccelerateConfiguration", "PutAnalyticsConfiguration", "PutBucketAcl",
            "PutBucketCORS", "PutBucketLogging", "PutBucketNotification", "PutBucketObjectLockConfiguration",
            "PutBucketOwnershipControls", "PutBucketPolicy", "PutBucketPublicAccessBlock",
            "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning", "PutBucketWebsite",
            "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration", "PutInventoryConfiguration",
            "PutLifecycleConfiguration", "PutMetricsConfiguration", "PutReplicationConfiguration"));
    /** Actions on no bucket or object. */
    private static final Set<String> ACCOUNT = lower(Set.of("ListAllMyBuckets", "GetAccountPublicAccessBlock",
            "PutAccountPublicAccessBlock"));

    /** Operations checked as another action than their own name. */
    private static final Map<String, String> CHECKED_AS = Map.ofEntries(
            Map.entry("HeadBucket", "ListBucket"), Map.entry("ListObjects", "ListBucket"),
            Map.entry("ListObjectsV2", "ListBucket"), Map.entry("ListObjectVersions", "ListBucketVersions"),
            Map.entry("ListMultipartUploads", "ListBucketMultipartUploads"),
            Map.entry("ListParts", "ListMultipartUploadParts"), Map.entry("HeadObject", "GetObject"),
            Map.entry("CopyObject", "PutObject"), Map.entry("PostObject", "PutObject"),
            Map.entry("CreateMultipartUpload", "PutObject"), Map.entry("UploadPart", "PutObject"),
            Map.entry("UploadPartCopy", "PutObject"), Map.entry("CompleteMultipartUpload", "PutObject"),
            Map.entry("DeleteObjects", "DeleteObject"), Map.entry("DeleteBucketTagging", "PutBucketTagging"),
            Map.entry("GetBucketCors", "GetBucketCORS"), Map.entry("PutBucketCors", "PutBucketCORS"),
            Map.entry("DeleteBucketCors", "PutBucketCORS"),
            Map.entry("DeleteBucketOwnershipControls", "PutBucketOwnershipControls"),
            Map.entry("GetPublicAccessBlock", "GetBucketPublicAccessBlock"),
            Map.entry("PutPublicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("DeletePublicAccessBlock", "PutBucketPublicAccessBlock"),
            Map.entry("GetBucketLifecycleConfiguration", "GetLifecycleConfiguration"),
            Map.entry("PutBucketLifecycleConfiguration", "PutLifecycleConfiguration"),
            Map.entry("DeleteBucketLifecycle", "PutLifecycleConfiguration"),
            Map.entry("GetBucketEncryption", "GetEncryptionConfiguration"),
            Map.entry("DeleteBucketEncryption", "PutEncryptionConfiguration"),
            Map.entry("GetBucketNotificationConfiguration", "GetBucketNotification"),
            Map.entry("GetBucketReplication", "GetReplicationConfiguration"),
            Map.entry("DeleteBucketReplication", "PutReplicationConfiguration"),
            Map.entry("GetBucketAccelerateConfiguration", "GetAccelerateConfiguration"),
            Map.entry("GetObjectLockConfiguration", "GetBucketObjectLockConfiguration"));
    /** Operations no bucket policy decides: they name no existing bucket, or need no authorization. */
    private static final Set<String> UNDECIDED = Set.of("ListBuckets", "CreateBucket", "CorsPreflight");
    /**
     * Actions only the bucket owner performs, whatever a policy allows, and that a policy's Deny never takes from the
     * owner (so that a policy cannot lock its owner out), as AWS keeps them for the owning account's root user.
     */
    private static final Set<String> OWNER_ONLY = lower(Set.of("GetBucketPolicy", "PutBucketPolicy",
            "DeleteBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock", "PutBucketPublicAccessBlock",
            "GetBucketOwnershipControls", "PutBucketOwnershipControls"));

    private PolicyActions() {}

    /** The action {@code op} is checked as ({@code s3:GetObject}); null when no bucket policy decides it. */
    public static String of(S3Operation op) {
        String name = op.action();
        if (UNDECIDED.contains(name)) {
            return null;
        }
        return "s3:" + CHECKED_AS.getOrDefault(name, name);
    }

    /** Whether a bucket policy can neither grant the action to others than the owner nor deny it to the owner. */
    public static boolean ownerOnly(String action) {
        return action != null && OWNER_ONLY.contains(name(action));
    }

    /** Every S3 action the policy language knows, lower-cased without {@code s3:}. */
    static Set<String> known() {
        Set<String> all = new TreeSet<>(OBJECT);
        all.addAll(BUCKET);
        all.addAll(ACCOUNT);
        return all;
    }

    static boolean onObjects(String lowerName) {
        return OBJECT.contains(lowerName);
    }

    static boolean onBuckets(String lowerName) {
        return BUCKET.contains(lowerName);
    }

    private static String name(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        return lower.startsWith("s3:") ? lower.substring(3) : lower;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
