package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.s3.lifecycle.LifecycleWorker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration, DeleteBucketLifecycle through the SDK, and the
 * rules carried out by {@link LifecycleWorker} as of a later day: expired objects are gone, others stay, stale
 * multipart uploads are removed.
 */
@QuarkusTest
class LifecycleIT extends S3TestSupport {
    @Inject
    LifecycleWorker worker;

    private static LifecycleRule expireAfter(String id, LifecycleRuleFilter filter, int days) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(filter)
                .expiration(e -> e.days(days)).build();
    }

    private void rules(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
    }

    private Instant daysFromNow(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    @Test
    void configuration_roundTrips_andDeleteRemovesIt() {
        String bucket = newBucket();
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
        rules(bucket, expireAfter("logs", LifecycleRuleFilter.builder().prefix("logs/").build(), 30),
                LifecycleRule.builder().id("uploads").status(ExpirationStatus.DISABLED)
                        .filter(LifecycleRuleFilter.builder().prefix("").build())
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build());
        var got = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        assertThat(got).hasSize(2);
        assertThat(got.get(0).id()).isEqualTo("logs");
        assertThat(got.get(0).filter().prefix()).isEqualTo("logs/");
        assertThat(got.get(0).expiration().days()).isEqualTo(30);
        assertThat(got.get(1).status()).isEqualTo(ExpirationStatus.DISABLED);
        assertThat(got.get(1).abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(7);
        assertThat(s3.deleteBucketLifecycle(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
    }

    @Test
    void invalidRules_areRefused_andTransitionsAreNotImplemented() {
        String bucket = newBucket();
        assertS3Error(() -> rules(bucket, expireAfter("zero", LifecycleRuleFilter.builder().prefix("").build(), 0)),
                400, "InvalidArgument");
        assertS3Error(() -> rules(bucket, expireAfter("same", LifecycleRuleFilter.builder().prefix("a").build(), 1),
                expireAfter("same", LifecycleRuleFilter.builder().prefix("b").build(), 1)), 400, "InvalidArgument");
        assertS3Error(() -> rules(bucket, LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED)
                .filter(LifecycleRuleFilter.builder().prefix("").build())
                .transitions(t -> t.days(30).storageClass(TransitionStorageClass.GLACIER)).build()), 501, "NotImplemented");
        assertS3Error(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)), 404, "NoSuchLifecycleConfiguration");
    }

    @Test
    void expiration_deletesWhatTheFilterSelects_onceItsDayHasCome() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("tmp/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("tmp/b").tagging("class=scratch"), RequestBody.fromString("b"));
        s3.putObject(b -> b.bucket(bucket).key("keep/c"), RequestBody.fromString("c"));
        rules(bucket, expireAfter("scratch", LifecycleRuleFilter.builder().and(a -> a.prefix("tmp/")
                .tags(Tag.builder().key("class").value("scratch").build())).build(), 2));

        worker.run(daysFromNow(1));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("keep/c", "tmp/a", "tmp/b");

        worker.run(daysFromNow(4));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("keep/c", "tmp/a");
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("tmp/b")), 404, "NoSuchKey");

        rules(bucket, expireAfter("all-tmp", LifecycleRuleFilter.builder().prefix("tmp/").build(), 1));
        worker.run(daysFromNow(3));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("keep/c");
    }

    @Test
    void objectsARuleWillExpire_sayWhenOnPutCopyCompleteGetAndHead() {
        String bucket = newBucket();
        rules(bucket, expireAfter("week", LifecycleRuleFilter.builder().prefix("tmp/").build(), 7));
        String put = s3.putObject(b -> b.bucket(bucket).key("tmp/a"), RequestBody.fromString("a")).expiration();
        assertThat(put).matches("expiry-date=\"\\w{3}, \\d{2} \\w{3} \\d{4} 00:00:00 GMT\", rule-id=\"week\"");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("tmp/a")).expiration()).isEqualTo(put);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("tmp/a")).response().expiration()).isEqualTo(put);
        assertThat(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("tmp/a").destinationBucket(bucket)
                .destinationKey("tmp/copy")).expiration()).contains("rule-id=\"week\"");
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("tmp/mp")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("tmp/mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        assertThat(s3.completeMultipartUpload(b -> b.bucket(bucket).key("tmp/mp").uploadId(upload)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).expiration())
                .contains("rule-id=\"week\"");
        assertThat(s3.putObject(b -> b.bucket(bucket).key("keep/a"), RequestBody.fromString("a")).expiration()).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("keep/a")).expiration()).isNull();
    }

    @Test
    void disabledRules_doNothing_andAbortIncompleteMultipartUpload_removesStaleUploads() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("x"), RequestBody.fromString("x"));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("big/file")).uploadId();
        rules(bucket, LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED)
                        .filter(LifecycleRuleFilter.builder().prefix("").build()).expiration(e -> e.days(1)).build(),
                LifecycleRule.builder().id("uploads").status(ExpirationStatus.ENABLED)
                        .filter(LifecycleRuleFilter.builder().prefix("big/").build())
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)).build());
        worker.run(daysFromNow(1));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(u -> u.uploadId())
                .containsExactly(upload);
        worker.run(daysFromNow(10));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("x");
    }
}
