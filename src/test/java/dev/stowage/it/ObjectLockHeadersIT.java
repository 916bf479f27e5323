package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object Lock is not implemented: a write asking for a retention or legal hold is refused as AWS refuses it on a
 * bucket without Object Lock, and a bucket asked to have Object Lock is not created, so nobody believes data locked.
 */
@QuarkusTest
class ObjectLockHeadersIT extends S3TestSupport {
    private static final Instant IN_A_DAY = Instant.now().plus(1, ChronoUnit.DAYS);

    @Test
    void putObject_withRetentionOrLegalHold_isInvalidRequest_andStoresNothing() {
        String bucket = newBucket();
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("locked").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(IN_A_DAY), RequestBody.fromString("v")), 400, "InvalidRequest");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("held")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("v")), 400,
                "InvalidRequest");
        assertS3Error(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(IN_A_DAY)), 400, "InvalidRequest");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void copyObject_withRetention_isInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("v"));
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst").objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(IN_A_DAY)),
                400, "InvalidRequest");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(1);
    }

    @Test
    void objectRetentionAndLegalHold_readOrSet_areInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertS3Error(() -> s3.getObjectRetention(b -> b.bucket(bucket).key("k")), 400, "InvalidRequest");
        assertS3Error(() -> s3.putObjectRetention(b -> b.bucket(bucket).key("k").retention(r -> r
                .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(IN_A_DAY))), 400, "InvalidRequest");
        assertS3Error(() -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")), 400, "InvalidRequest");
        assertS3Error(() -> s3.putObjectLegalHold(b -> b.bucket(bucket).key("k").legalHold(h -> h
                .status(ObjectLockLegalHoldStatus.ON))), 400, "InvalidRequest");
    }

    @Test
    void createBucket_withObjectLockEnabled_isNotImplemented_andMakesNoBucket_withoutIt_works() {
        String locked = "lock-" + System.nanoTime() % 1_000_000_000;
        assertS3Error(() -> s3.createBucket(b -> b.bucket(locked).objectLockEnabledForBucket(true)), 501,
                "NotImplemented");
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(locked)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        String plain = "nolock-" + System.nanoTime() % 1_000_000_000;
        s3.createBucket(b -> b.bucket(plain.toLowerCase(Locale.ROOT)).objectLockEnabledForBucket(false));
        s3.headBucket(b -> b.bucket(plain));
    }
}
