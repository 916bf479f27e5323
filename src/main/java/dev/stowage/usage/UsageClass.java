package dev.stowage.usage;

import java.util.Set;

/**
 * The four ops counters of a usage item and which AWS action counts in which. {@code put}: actions that write
 * object data or create a bucket; {@code get}: actions that read an object; {@code list}: listings; {@code other}:
 * everything else (deletes, bucket facts such as HeadBucket or GetBucketLocation, aborts, configuration calls).
 * Actions arriving later fall into {@code other} until they are named here.
 */
public enum UsageClass {
    PUT,
    GET,
    LIST,
    OTHER;

    private static final Set<String> PUTS = Set.of("PutObject", "CopyObject", "CreateBucket", "CreateMultipartUpload",
            "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "PostObject");
    private static final Set<String> GETS = Set.of("GetObject", "HeadObject");
    private static final Set<String> LISTS = Set.of("ListBuckets", "ListObjects", "ListObjectsV2", "ListParts",
            "ListMultipartUploads", "ListObjectVersions");

    /** The class of an action (by its AWS name); unknown and null actions are OTHER. */
    public static UsageClass of(String action) {
        if (action == null) {
            return OTHER;
        }
        if (PUTS.contains(action)) {
            return PUT;
        }
        if (GETS.contains(action)) {
            return GET;
        }
        return LISTS.contains(action) ? LIST : OTHER;
    }
}
