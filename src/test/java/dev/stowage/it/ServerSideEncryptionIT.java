package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Server-side encryption requests: what Stowage cannot do is refused, SSE-S3 is accepted and not echoed; SSE-C on
 * single objects is CustomerEncryptionIT's.
 */
@QuarkusTest
class ServerSideEncryptionIT extends S3TestSupport {
    private static final byte[] CUSTOMER_KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void putObject_sseS3_isStoredAndNoResponseClaimsEncryption() {
        String bucket = newBucket();
        var put = s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("plain"));
        assertThat(put.serverSideEncryption()).isNull();
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertThat(got.asUtf8String()).isEqualTo("plain");
        assertThat(got.response().serverSideEncryption()).isNull();
    }

    @Test
    void putObject_sseKms_isNotImplementedAndStoresNothing() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS), RequestBody.fromString("secret")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void putObject_unknownEncryptionMethod_isInvalidArgument() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption("AES512"),
                        RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
    }

    @Test
    void putObject_sseS3TogetherWithACustomerKey_isInvalidArgumentAndStoresNothing() throws Exception {
        String bucket = newBucket();
        String key = Base64.getEncoder().encodeToString(CUSTOMER_KEY);
        String keyMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(CUSTOMER_KEY));
        for (ServerSideEncryption sse : new ServerSideEncryption[] {ServerSideEncryption.AES256,
                ServerSideEncryption.AWS_KMS}) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(sse)
                            .sseCustomerAlgorithm("AES256").sseCustomerKey(key).sseCustomerKeyMD5(keyMd5),
                            RequestBody.fromString("secret")))
                    .as(sse.toString())
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    });
        }
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void getObject_withACustomerKey_ofAMissingKey_isNoSuchKey() throws Exception {
        String bucket = newBucket();
        String key = Base64.getEncoder().encodeToString(CUSTOMER_KEY);
        String keyMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(CUSTOMER_KEY));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("absent").sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(key).sseCustomerKeyMD5(keyMd5)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void copyObject_toSseKms_isNotImplemented() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("plain"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                        .destinationBucket(bucket).destinationKey("dst")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("dst")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
