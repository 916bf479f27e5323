package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.Map;
import java.util.Set;

/**
 * {@code x-amz-storage-class} on a write (PutObject, POST Object, CreateMultipartUpload, CopyObject). Stowage has
 * one storage tier: any storage class AWS defines is accepted and kept with the object as a label, which GET and
 * HEAD return (as {@code x-amz-storage-class}, AWS's way: not for STANDARD) and listings show; the object is
 * stored, read and billed alike whatever its class (a GLACIER object needs no restore). A copy takes the request's
 * class, STANDARD when it names none, as AWS does. A name AWS does not define is 400 InvalidStorageClass.
 */
public final class StorageClassHeader {
    public static final String HEADER = "x-amz-storage-class";
    /** The object's (or upload's) system fact holding a class other than STANDARD. */
    public static final String FACT = "storage-class";
    public static final String STANDARD = "STANDARD";
    private static final Set<String> AWS_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP");

    private StorageClassHeader() {}

    /** The class the request names, validated; null when it names none or STANDARD (the default, not kept). */
    public static String requested(RequestHead head) {
        requireValid(head);
        String value = head.header(HEADER);
        return value == null || value.equals(STANDARD) ? null : value;
    }

    /** The class an object or upload was written with, from its system facts. */
    public static String stored(Map<String, String> system) {
        String value = system.get(FACT);
        return value == null ? STANDARD : value;
    }

    static void requireValid(RequestHead head) {
        String value = head.header(HEADER);
        if (value != null && !AWS_CLASSES.contains(value)) {
            throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS);
        }
    }
}
