package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Conditional writes (If-None-Match: *, If-Match) on PutObject, CopyObject and CompleteMultipartUpload. */
@QuarkusTest
class ConditionalWriteIT extends S3TestSupport {

    @Test
    void putObject_ifNoneMatchStar_createsOnce_thenIsPreconditionFailed_andKeepsTheFirst() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("first"));
        assertPreconditionFailed(() -> s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"),
                RequestBody.fromString("second")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("first");
    }

    @Test
    void putObject_ifNoneMatchStar_concurrentCreators_exactlyOneWins() throws Exception {
        String bucket = newBucket();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "writer-" + i;
                results.add(pool.submit(() -> {
                    try {
                        s3.putObject(b -> b.bucket(bucket).key("lock").ifNoneMatch("*"), RequestBody.fromString(body));
                        return true;
                    } catch (S3Exception e) {
                        assertThat(e.statusCode()).isEqualTo(412);
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("lock")).asUtf8String()).startsWith("writer-");
    }

    @Test
    void putObject_ifMatch_replacesOnlyThatVersion_andAbsentKeyIsNoSuchKey() {
        String bucket = newBucket();
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v1")).eTag();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("k").ifMatch(v1), RequestBody.fromString("v2")).eTag();
        assertPreconditionFailed(() -> s3.putObject(b -> b.bucket(bucket).key("k").ifMatch(v1),
                RequestBody.fromString("stale")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v2");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).eTag()).isEqualTo(v2);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("absent").ifMatch(v1),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                });
    }

    @Test
    void putObject_ifNoneMatchEtag_refusesOnlyOverThatVersion_ifMatchStar_needsSomeObject() {
        String bucket = newBucket();
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v1")).eTag();
        assertPreconditionFailed(() -> s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch(v1),
                RequestBody.fromString("refused")));
        s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("\"0123456789abcdef0123456789abcdef\""),
                RequestBody.fromString("v2"));
        s3.putObject(b -> b.bucket(bucket).key("k").ifMatch("*"), RequestBody.fromString("v3"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v3");
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("absent").ifMatch("*"),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void copyObject_ifNoneMatchStar_doesNotOverwriteTheDestination() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("source"));
        s3.putObject(b -> b.bucket(bucket).key("dst"), RequestBody.fromString("kept"));
        assertPreconditionFailed(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").ifNoneMatch("*")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asUtf8String()).isEqualTo("kept");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("new")
                .ifNoneMatch("*"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("new")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void completeMultipartUpload_ifNoneMatchStar_overAnObject_isPreconditionFailed_andTheUploadStays() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("existing"));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1),
                RequestBody.fromString("part one")).eTag();
        CompletedPart part = CompletedPart.builder().partNumber(1).eTag(etag).build();
        assertPreconditionFailed(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .ifNoneMatch("*").multipartUpload(m -> m.parts(part))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("existing");
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(part)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("part one");
    }

    private static void assertPreconditionFailed(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        });
    }
}
