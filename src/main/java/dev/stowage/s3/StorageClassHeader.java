package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.Set;

/**
 * {@code x-amz-storage-class} on a write. Stowage has one storage tier: any storage class AWS defines is accepted
 * and the object is kept, listed and billed as {@code STANDARD}, so tools configured for another class keep
 * working; a name AWS does not define is 400 InvalidStorageClass, as AWS answers.
 */
public final class StorageClassHeader {
    public static final String HEADER = "x-amz-storage-class";
    private static final Set<String> AWS_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP");

    private StorageClassHeader() {}

    static void requireValid(RequestHead head) {
        String value = head.header(HEADER);
        if (value != null && !AWS_CLASSES.contains(value)) {
            throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS);
        }
    }
}
