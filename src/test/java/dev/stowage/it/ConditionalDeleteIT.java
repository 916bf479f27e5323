package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * AWS's conditional deletes: DeleteObject with If-Match (an ETag or *) and DeleteObjects with an ETag per key delete
 * only the object they name; a mismatch is PreconditionFailed, a missing key NoSuchKey, and nothing is deleted.
 */
@QuarkusTest
class ConditionalDeleteIT extends S3TestSupport {
    @Test
    void deleteObject_ifMatch_deletesOnlyTheVersionItNames() {
        String bucket = newBucket();
        String first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).eTag();
        String second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).eTag();
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(first)), 412, "PreconditionFailed");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("two");
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(second)).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("k")), 404, "NoSuchKey");
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(second)), 404, "NoSuchKey");
    }

    @Test
    void deleteObject_ifMatchStar_deletesWhateverIsThere_butNotNothing() {
        String bucket = newBucket();
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch("*")), 404, "NoSuchKey");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch("*"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void deleteObjects_withETags_deletesTheMatchingKeys_andReportsTheOthers() {
        String bucket = newBucket();
        String a = s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a")).eTag();
        s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("b"));
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").eTag(a).build(),
                ObjectIdentifier.builder().key("b").eTag(a).build(),
                ObjectIdentifier.builder().key("c").eTag(a).build())));
        assertThat(r.deleted()).extracting(o -> o.key()).containsExactly("a");
        assertThat(r.errors()).extracting(e -> e.key() + " " + e.code())
                .containsExactly("b PreconditionFailed", "c NoSuchKey");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("b");
    }
}
