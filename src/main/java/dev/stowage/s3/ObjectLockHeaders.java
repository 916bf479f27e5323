package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.util.List;
import java.util.function.Function;

/**
 * Object Lock words on requests, refused because Stowage has no Object Lock yet. Backup software asks for
 * immutability with them; accepting them silently would leave it believing its backups cannot be deleted.
 * <ul>
 *   <li>A write naming a retention or legal hold ({@code x-amz-object-lock-mode}, {@code -retain-until-date},
 *       {@code -legal-hold}: PutObject, CopyObject, CreateMultipartUpload, POST Object fields) is 400 InvalidRequest
 *       "Bucket is missing Object Lock Configuration": what AWS answers for a bucket without Object Lock, which every
 *       Stowage bucket is.</li>
 *   <li>An object's {@code ?retention} or {@code ?legal-hold}, read or set, is the same 400 InvalidRequest.</li>
 *   <li>CreateBucket with {@code x-amz-bucket-object-lock-enabled: true} is 501 NotImplemented, and no bucket is
 *       made.</li>
 * </ul>
 */
public final class ObjectLockHeaders {
    private static final List<String> OBJECT_HEADERS = List.of(
            "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold");
    private static final String BUCKET_HEADER = "x-amz-bucket-object-lock-enabled";

    private ObjectLockHeaders() {}

    /** Refuses an object write that names a retention or legal hold. */
    static void requireNoneOnObject(RequestHead head) {
        requireNoneOnObject(head::header);
    }

    /** The same for settings looked up by lower-case name (a POST Object form's fields). */
    public static void requireNoneOnObject(Function<String, String> header) {
        for (String name : OBJECT_HEADERS) {
            if (header.apply(name) != null) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Bucket is missing Object Lock Configuration");
            }
        }
    }

    /**
     * Refuses an object's {@code ?retention} or {@code ?legal-hold} (Get/PutObjectRetention, Get/PutObjectLegalHold)
     * as AWS does on a bucket without Object Lock.
     */
    static void requireNoLockSubresource(RequestHead head) {
        if (head.hasParam("retention") || head.hasParam("legal-hold")) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Bucket is missing Object Lock Configuration");
        }
    }

    /** Refuses a CreateBucket that asks for Object Lock. */
    static void requireNotRequestedForBucket(RequestHead head) {
        String value = head.header(BUCKET_HEADER);
        if (value != null && value.trim().equalsIgnoreCase("true")) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                    "Object Lock is not implemented by this gateway yet: the bucket was not created.")
                    .element("Header", BUCKET_HEADER);
        }
    }
}
