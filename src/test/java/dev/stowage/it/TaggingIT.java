package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/** Object and bucket tagging: x-amz-tagging on PUT, ?tagging GET/PUT/DELETE, the tag count header, AWS's rules. */
@QuarkusTest
class TaggingIT extends S3TestSupport {

    @Inject
    Accounts accounts;

    private static Tagging tagging(List<Tag> tags) {
        return Tagging.builder().tagSet(tags).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> numbered(int n) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tags.add(tag("k" + i, "v" + i));
        }
        return tags;
    }

    private static void assertError(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void putObject_taggingHeader_isStoredCountedAndReturned() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("doc").tagging("project=blue%20sky&team=a%2Bb&empty="),
                RequestBody.fromString("tagged"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("doc")).tagSet())
                .containsExactly(tag("project", "blue sky"), tag("team", "a+b"), tag("empty", ""));
        var got = s3.getObject(b -> b.bucket(bucket).key("doc"));
        assertThat(got.response().tagCount()).isEqualTo(3);
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("plain"));
        assertThat(s3.getObject(b -> b.bucket(bucket).key("plain")).response().tagCount()).isNull();
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("plain")).tagSet()).isEmpty();
    }

    @Test
    void putObjectTagging_replacesTheTagsAndDeleteRemovesThem_bytesAndEtagUnchanged() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("k").tagging("a=1"), RequestBody.fromString("content")).eTag();
        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("x", "y"), tag("z", "w")))));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet()).containsExactly(tag("x", "y"), tag("z", "w"));
        var head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.eTag()).isEqualTo(etag);
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("k"));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet()).isEmpty();
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertThat(got.asUtf8String()).isEqualTo("content");
        assertThat(got.response().eTag()).isEqualTo(etag);
        assertThat(got.response().lastModified()).isEqualTo(head.lastModified());
    }

    @Test
    void objectTags_breakingAwsRules_getAwsErrors() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(numbered(11)))), 400,
                "BadRequest", "Object tags cannot be greater than 10");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("a", "1"),
                tag("a", "2"))))), 400, "InvalidTag", "Cannot provide multiple Tags with the same key");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("k".repeat(129),
                "v"))))), 400, "InvalidTag", "The TagKey you have provided is invalid");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("k",
                "v".repeat(257)))))), 400, "InvalidTag", "The TagValue you have provided is invalid");
        assertError(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("aws:owner",
                "me"))))), 400, "InvalidTag", "Your TagKey cannot be prefixed with aws:");
        assertError(() -> s3.putObject(b -> b.bucket(bucket).key("h").tagging("a=1&a=2"), RequestBody.fromString("x")),
                400, "InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query "
                        + "parameters without tag name duplicates.");
        for (String destination : List.of("copy", "k")) { // onto itself too: the directive is checked first
            assertError(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket)
                    .destinationKey(destination).taggingDirective("KEEP")), 400, "InvalidArgument",
                    "Unknown tagging directive.");
        }
        // the limits themselves are fine: 10 tags, 128-character keys and 256-character values, in any script
        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(numbered(10))));
        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(tagging(List.of(tag("ü".repeat(128), "é".repeat(256))))));
        assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("k")).tagSet())
                .containsExactly(tag("ü".repeat(128), "é".repeat(256)));
    }

    @Test
    void bucketTagging_putGetDelete_withNoSuchTagSetWhenNone() {
        String bucket = newBucket();
        assertError(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet", "The TagSet does not exist");
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(tagging(numbered(50))));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).containsExactlyElementsOf(numbered(50));
        assertError(() -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(tagging(numbered(51)))), 400, "BadRequest",
                "Bucket tag count cannot be greater than 50");
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(tagging(List.of(tag("cost-center", "42")))));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).containsExactly(tag("cost-center", "42"));
        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertError(() -> s3.getBucketTagging(b -> b.bucket(bucket)), 404, "NoSuchTagSet", "The TagSet does not exist");
    }

    @Test
    void tagging_ofAnotherUsersBucketOrObject_isDenied() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").tagging("a=1"), RequestBody.fromString("v"));
        UserAccount other = accounts.createUser(TestEmails.fresh("tagger"), false);
        S3Client stranger = client(other.keys().get(0).accessKeyId(), other.keys().get(0).secretAccessKey());
        assertThatThrownBy(() -> stranger.getObjectTagging(b -> b.bucket(bucket).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> stranger.putBucketTagging(b -> b.bucket(bucket).tagging(tagging(List.of(tag("a", "b"))))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
}
