package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** GetObject, HeadObject and DeleteObject: ranges, conditional requests, response overrides, missing keys. */
@QuarkusTest
class GetObjectIT extends S3TestSupport {
    private static final String TEXT = "0123456789abcdefghij";

    private String bucketWithObject() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj").contentType("text/plain"), RequestBody.fromString(TEXT));
        return bucket;
    }

    @Test
    void getObject_range_is206WithContentRange() {
        String bucket = bucketWithObject();
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=2-5"));
        assertThat(got.asUtf8String()).isEqualTo("2345");
        assertThat(got.response().contentRange()).isEqualTo("bytes 2-5/20");
        assertThat(got.response().contentLength()).isEqualTo(4);
        assertThat(got.response().sdkHttpResponse().statusCode()).isEqualTo(206);
    }

    @Test
    void getObject_openAndSuffixRanges_areServed() {
        String bucket = bucketWithObject();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=15-")).asUtf8String()).isEqualTo("fghij");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=-3")).asUtf8String()).isEqualTo("hij");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=10-999")).asUtf8String())
                .isEqualTo("abcdefghij");
    }

    @Test
    void getObject_rangeBeyondEnd_isInvalidRange416() {
        String bucket = bucketWithObject();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=20-30")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void getObject_ifNoneMatchCurrentEtag_is304() {
        String bucket = bucketWithObject();
        String etag = s3.headObject(b -> b.bucket(bucket).key("obj")).eTag();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifNoneMatch("\"other\"")).asUtf8String())
                .isEqualTo(TEXT);
    }

    @Test
    void getObject_ifMatchOtherEtag_is412PreconditionFailed() {
        String bucket = bucketWithObject();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifMatch("\"0000\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        String etag = s3.headObject(b -> b.bucket(bucket).key("obj")).eTag();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifMatch(etag)).asUtf8String()).isEqualTo(TEXT);
    }

    @Test
    void getObject_modifiedSinceConditions_followRfc7232() {
        String bucket = bucketWithObject();
        Instant future = Instant.now().plus(1, ChronoUnit.DAYS);
        Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifModifiedSince(future)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifModifiedSince(past)).asUtf8String()).isEqualTo(TEXT);
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifUnmodifiedSince(past)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifUnmodifiedSince(future)).asUtf8String())
                .isEqualTo(TEXT);
    }

    @Test
    void headObject_ifNoneMatch_is304() {
        String bucket = bucketWithObject();
        String etag = s3.headObject(b -> b.bucket(bucket).key("obj")).eTag();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("obj").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }

    @Test
    void getObject_responseOverrides_replaceStoredHeaders() {
        String bucket = bucketWithObject();
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")
                .responseContentType("application/json")
                .responseContentDisposition("inline")
                .responseCacheControl("no-cache")
                .responseContentLanguage("fr")
                .responseContentEncoding("gzip"));
        assertThat(got.response().contentType()).isEqualTo("application/json");
        assertThat(got.response().contentDisposition()).isEqualTo("inline");
        assertThat(got.response().cacheControl()).isEqualTo("no-cache");
        assertThat(got.response().contentLanguage()).isEqualTo("fr");
        assertThat(got.response().contentEncoding()).isEqualTo("gzip");
    }

    @Test
    void getObject_missingKey_isNoSuchKey404() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("absent")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                });
    }

    @Test
    void headObject_missingKey_is404() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("absent")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void deleteObject_existingAndAbsent_are204() {
        String bucket = bucketWithObject();
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("obj")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("obj")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("obj"))).isInstanceOf(NoSuchKeyException.class);
    }
}
