package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** CreateBucket, HeadBucket, ListBuckets, GetBucketLocation and DeleteBucket through the AWS SDK. */
@QuarkusTest
class BucketsIT extends S3TestSupport {

    @Test
    void createBucket_thenListBuckets_showsItWithOwner() {
        String bucket = newBucket();
        var listing = s3.listBuckets();
        assertThat(listing.buckets()).extracting(Bucket::name).contains(bucket);
        assertThat(listing.owner().id()).isEqualTo(USER_ID);
        assertThat(listing.buckets().stream().filter(b -> b.name().equals(bucket)).findFirst().orElseThrow().creationDate())
                .isNotNull();
    }

    @Test
    void createBucket_twiceBySameOwner_isBucketAlreadyOwnedByYou() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(BucketAlreadyOwnedByYouException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
                });
    }

    @Test
    void createBucket_invalidNames_areInvalidBucketName() throws Exception {
        // Sent raw (signed with V2): the SDK refuses most of these names before they reach the wire.
        for (String name : List.of("ab", "UpperCase", "under_score", "-leading", "trailing-", "a..b", "192.168.1.1",
                "xn--punycode", "bucket-s3alias", "x".repeat(64))) {
            RawHttp.Response r = RawHttp.send(endpoint().getHost(), endpoint().getPort(),
                    TestSignatures.v2Request("PUT", "/" + name, endpoint().getHost() + ":" + endpoint().getPort()));
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).as(name)
                    .contains("<Code>InvalidBucketName</Code>");
        }
    }

    @Test
    void createBucket_withLocationConstraint_isReportedByGetBucketLocation() {
        String bucket = "located-" + System.nanoTime();
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isEqualTo("eu-west-1");
    }

    @Test
    void createBucket_withTags_hasThemAsBucketTagging_invalidTagsCreateNothing() {
        String bucket = "tagged-" + System.nanoTime();
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.tags(
                Tag.builder().key("cost-center").value("42").build(), Tag.builder().key("env").value("prod").build())));
        assertThat(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("cost-center=42", "env=prod");

        String refused = "tagged-bad-" + System.nanoTime();
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket(refused).createBucketConfiguration(c -> c.tags(
                Tag.builder().key("aws:reserved").value("x").build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidTag");
                });
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(refused))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void getBucketLocation_defaultRegion_isEmptyAsAwsAnswersForUsEast1() {
        String bucket = newBucket();
        assertThat(s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString()).isNullOrEmpty();
    }

    @Test
    void headBucket_existing_succeeds_andMissing_is404() {
        String bucket = newBucket();
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("no-such-bucket-here")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void deleteBucket_withObjects_isBucketNotEmpty_thenEmpty_deletes() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
                });
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void deleteBucket_missing_isNoSuchBucket() {
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("never-created-bucket")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void createBucket_afterDelete_canBeCreatedAgain() {
        String bucket = newBucket();
        s3.deleteBucket(b -> b.bucket(bucket));
        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
    }
}
