package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** PutObject through the AWS SDK with default settings (streaming aws-chunked bodies with a CRC32 trailer). */
@QuarkusTest
class PutObjectIT extends S3TestSupport {

    @Test
    void putObject_defaultSdkSettings_roundTripsWithMd5Etag() throws Exception {
        String bucket = newBucket();
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        var put = s3.putObject(b -> b.bucket(bucket).key("blob.bin"), RequestBody.fromBytes(data));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertThat(put.eTag()).isEqualTo('"' + md5 + '"');
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("blob.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo('"' + md5 + '"');
        assertThat(got.response().contentLength()).isEqualTo(data.length);
    }

    @Test
    void putObject_awsStorageClass_isKeptAsALabel_unknownClassIsInvalidStorageClass() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("ia").storageClass("STANDARD_IA"), RequestBody.fromString("v"));
        s3.putObject(b -> b.bucket(bucket).key("std").storageClass("STANDARD"), RequestBody.fromString("w"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key() + " " + o.storageClassAsString())
                .containsExactly("ia STANDARD_IA", "std STANDARD");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("ia")).storageClassAsString()).isEqualTo("STANDARD_IA");
        // AWS sends x-amz-storage-class for every class but STANDARD
        assertThat(s3.headObject(b -> b.bucket(bucket).key("std")).storageClassAsString()).isNull();
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("ia"));
        assertThat(got.asUtf8String()).isEqualTo("v");
        assertThat(got.response().storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThat(s3.getObjectAttributes(b -> b.bucket(bucket).key("ia")
                .objectAttributes(ObjectAttributes.STORAGE_CLASS)).storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad").storageClass("SHINY"),
                        RequestBody.fromString("v")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass");
                });
        assertThatThrownBy(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("bad").storageClass("SHINY")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(2);
    }

    @Test
    void storageClass_ofAMultipartUpload_isTheObjectsAndACopyTakesTheRequestsOrStandard() {
        String bucket = newBucket();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").storageClass("GLACIER")).uploadId();
        var part = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("archived"));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
                .singleElement().satisfies(u -> assertThat(u.storageClassAsString()).isEqualTo("GLACIER"));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("mp").uploadId(uploadId)).storageClassAsString())
                .isEqualTo("GLACIER");
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part.eTag()))));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("mp")).storageClassAsString()).isEqualTo("GLACIER");
        // one tier underneath: a GLACIER object reads without a restore
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asUtf8String()).isEqualTo("archived");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("plain"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain")).storageClassAsString()).isNull();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("rr")
                .storageClass("REDUCED_REDUNDANCY"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("rr")).storageClassAsString())
                .isEqualTo("REDUCED_REDUNDANCY");
    }

    @Test
    void putObject_zeroBytes_isStoredAndReadBackEmpty() {
        String bucket = newBucket();
        var put = s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        assertThat(put.eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty")).asByteArray()).isEmpty();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("empty")).contentLength()).isZero();
    }

    @Test
    void putObject_metadataAndContentHeaders_areStoredAndReturned() {
        String bucket = newBucket();
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        s3.putObject(b -> b.bucket(bucket).key("doc.txt")
                        .contentType("text/plain; charset=utf-8")
                        .contentEncoding("identity")
                        .contentDisposition("attachment; filename=\"doc.txt\"")
                        .contentLanguage("de-CH")
                        .cacheControl("max-age=60")
                        .expires(expires)
                        .metadata(Map.of("color", "blue", "owner-name", "Ann")),
                RequestBody.fromString("hello"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("doc.txt"));
        assertThat(head.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(head.contentEncoding()).isEqualTo("identity");
        assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"doc.txt\"");
        assertThat(head.contentLanguage()).isEqualTo("de-CH");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.expires()).isEqualTo(expires);
        assertThat(head.metadata()).containsEntry("color", "blue").containsEntry("owner-name", "Ann");
        assertThat(head.lastModified()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
    }

    @Test
    void putObject_defaultContentType_isBinaryOctetStream() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("raw"), RequestBody.fromBytes(new byte[] {1, 2, 3}));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("raw")).contentType()).isIn("binary/octet-stream",
                "application/octet-stream");
    }

    @Test
    void putObject_correctContentMd5_isAccepted() throws Exception {
        String bucket = newBucket();
        byte[] data = "checked".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        s3.putObject(b -> b.bucket(bucket).key("k").contentMD5(md5), RequestBody.fromBytes(data));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("checked");
    }

    @Test
    void putObject_wrongContentMd5_isBadDigest_andNothingStored() throws Exception {
        String bucket = newBucket();
        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(new byte[] {9}));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").contentMD5(wrong), RequestBody.fromString("data")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void putObject_malformedContentMd5_isInvalidDigest() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").contentMD5("not-base64!"), RequestBody.fromString("d")))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDigest"));
    }

    @Test
    void putObject_overwrite_replacesContentAndEtag() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("first version"));
        var second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("second"));
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertThat(got.asUtf8String()).isEqualTo("second");
        assertThat(got.response().eTag()).isEqualTo(second.eTag());
    }

    @Test
    void putObject_missingBucket_isNoSuchBucket() {
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("no-bucket-for-put").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void putObject_keyOver1024Bytes_isKeyTooLongError() {
        String bucket = newBucket();
        String key = "k".repeat(1025);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError");
                });
    }
}
