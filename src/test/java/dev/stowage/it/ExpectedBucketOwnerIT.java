package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@code x-amz-expected-bucket-owner}: the request runs only on a bucket of the named owner. */
@QuarkusTest
class ExpectedBucketOwnerIT extends S3TestSupport {
    private static final String SOMEONE_ELSE = "111122223333";

    @Test
    void requests_namingTheBucketsOwner_run() {
        String bucket = newBucket();
        String owner = s3.listBuckets().owner().id();
        s3.putObject(b -> b.bucket(bucket).key("k").expectedBucketOwner(owner), RequestBody.fromString("v"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").expectedBucketOwner(owner)).asUtf8String())
                .isEqualTo("v");
        s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(owner));
    }

    @Test
    void putObject_namingAnotherOwner_isAccessDeniedAndStoresNothing() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").expectedBucketOwner(SOMEONE_ELSE),
                        RequestBody.fromString("v")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void readsAndDeletes_namingAnotherOwner_areAccessDenied() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("k").expectedBucketOwner(SOMEONE_ELSE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).expectedBucketOwner(SOMEONE_ELSE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").expectedBucketOwner(SOMEONE_ELSE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void copyObject_sourceOfAnotherOwner_isAccessDeniedAndCopiesNothing() {
        String bucket = newBucket();
        String owner = s3.listBuckets().owner().id();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("v"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                        .destinationBucket(bucket).destinationKey("dst").expectedSourceBucketOwner(SOMEONE_ELSE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(1);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .expectedSourceBucketOwner(owner).expectedBucketOwner(owner));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("v");
    }
}
