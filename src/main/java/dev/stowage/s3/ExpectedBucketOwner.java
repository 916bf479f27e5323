package dev.stowage.s3;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;

/**
 * {@code x-amz-expected-bucket-owner}: a client's guard against writing into, or reading from, a bucket that is
 * not the one it means. When the header names another owner than the addressed bucket's (the {@code Owner/ID}
 * ListBuckets shows), the request is refused with 403 AccessDenied, as AWS does, before anything is done;
 * {@code x-amz-source-expected-bucket-owner} guards a copy's source bucket the same way.
 */
public final class ExpectedBucketOwner {
    static final String HEADER = "x-amz-expected-bucket-owner";
    /** The same guard for the source bucket of a copy. */
    public static final String SOURCE_HEADER = "x-amz-source-expected-bucket-owner";

    private ExpectedBucketOwner() {}

    static void check(RequestHead head, BucketInfo bucket) {
        require(head.header(HEADER), bucket);
    }

    /** AccessDenied unless {@code expected} is null or names {@code bucket}'s owner. */
    public static void require(String expected, BucketInfo bucket) {
        if (expected != null && bucket != null && !expected.equals(bucket.ownerId())) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
        }
    }
}
