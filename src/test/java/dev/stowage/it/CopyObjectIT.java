package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** CopyObject through the AWS SDK: directives, conditions, self-copies, encoded keys, access to the source. */
@QuarkusTest
class CopyObjectIT extends S3TestSupport {
    @Inject
    Accounts accounts;

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void copyObject_default_copiesBytesAndMetadataAcrossBuckets() {
        String from = newBucket();
        String to = newBucket();
        byte[] data = random(200_000);
        String etag = s3.putObject(b -> b.bucket(from).key("src").contentType("text/x-src")
                .metadata(Map.of("color", "red")), RequestBody.fromBytes(data)).eTag();
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket(from).sourceKey("src")
                .destinationBucket(to).destinationKey("dst"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(etag);
        assertThat(copy.copyObjectResult().lastModified()).isNotNull();
        var got = s3.getObjectAsBytes(b -> b.bucket(to).key("dst"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().contentType()).isEqualTo("text/x-src");
        assertThat(got.response().metadata()).containsEntry("color", "red");
    }

    @Test
    void copyObject_replaceDirective_takesTheRequestsMetadata() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src").metadata(Map.of("color", "red")), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").metadata(Map.of("size", "s")));
        var head = s3.headObject(b -> b.bucket(bucket).key("dst"));
        assertThat(head.metadata()).containsExactly(Map.entry("size", "s"));
        assertThat(head.contentType()).isEqualTo("text/plain");
    }

    @Test
    void copyObject_ontoItselfWithoutReplace_isInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket)
                .destinationKey("k"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("copy an object to itself");
                });
    }

    @Test
    void copyObject_ontoItselfWithReplace_changesTheMetadataOnly() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").metadata(Map.of("v", "1")), RequestBody.fromString("same"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("k")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertThat(got.asUtf8String()).isEqualTo("same");
        assertThat(got.response().metadata()).containsEntry("v", "2");
    }

    @Test
    void copyObject_conditions_failWith412() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x")).eTag();
        Instant past = Instant.parse("2000-01-01T00:00:00Z");
        Instant future = Instant.now().plusSeconds(3600);
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("d").copySourceIfMatch("\"nope\"")));
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("d").copySourceIfNoneMatch(etag)));
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("d").copySourceIfModifiedSince(future)));
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("d").copySourceIfUnmodifiedSince(past)));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("d"))).isInstanceOf(S3Exception.class);

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("d")
                .copySourceIfMatch(etag).copySourceIfModifiedSince(past).copySourceIfUnmodifiedSince(future));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("d")).eTag()).isEqualTo(etag);
    }

    private static void assertPreconditionFailed(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        });
    }

    @Test
    void copyObject_keysNeedingEncoding_roundTrip() {
        String bucket = newBucket();
        String key = "dir/with space+plus/ünï?&=#%.txt";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("encoded"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key + "2"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key + "2")).asUtf8String()).isEqualTo("encoded");
    }

    @Test
    void copyObject_missingSource_isNoSuchKey() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("absent")
                .destinationBucket(bucket).destinationKey("d"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void copyObject_versionIdOtherThanNull_isRefused() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId("null")
                .destinationBucket(bucket).destinationKey("d"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId("v1")
                .destinationBucket(bucket).destinationKey("d"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void copyObject_sourceInAnotherUsersBucket_isAccessDenied() {
        String mine = newBucket();
        var key = accounts.createUser(TestEmails.fresh("copy-other"), false).keys().get(0);
        try (S3Client theirs = client(key.accessKeyId(), key.secretAccessKey())) {
            String bucket = TestEmails.freshBucket("copysrc").toLowerCase(java.util.Locale.ROOT);
            theirs.createBucket(b -> b.bucket(bucket));
            theirs.putObject(b -> b.bucket(bucket).key("secret"), RequestBody.fromString("theirs"));
            assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("secret")
                    .destinationBucket(mine).destinationKey("stolen"))).isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
