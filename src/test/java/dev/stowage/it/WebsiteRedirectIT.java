package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * {@code x-amz-website-redirect-location}: kept with the object and returned on GET and HEAD, not inherited by a
 * copy; and copies of an object onto itself that change only its storage class or redirect.
 */
@QuarkusTest
class WebsiteRedirectIT extends S3TestSupport {

    @Test
    void putObject_redirectLocation_isReturnedByHeadAndGet() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("page.html").websiteRedirectLocation("/other.html"),
                RequestBody.fromString("v"));
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("v"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("page.html")).websiteRedirectLocation())
                .isEqualTo("/other.html");
        assertThat(s3.getObject(b -> b.bucket(bucket).key("page.html")).response().websiteRedirectLocation())
                .isEqualTo("/other.html");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain")).websiteRedirectLocation()).isNull();
    }

    @Test
    void putObject_redirectWithoutSlashOrHttpPrefix_isInvalidRedirectLocation_andStoresNothing() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").websiteRedirectLocation("other.html"),
                        RequestBody.fromString("v")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRedirectLocation");
                });
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void multipartUpload_redirectLocation_isKeptByTheCompletedObject() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .websiteRedirectLocation("https://example.com/elsewhere")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(List.of(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("mp")).websiteRedirectLocation())
                .isEqualTo("https://example.com/elsewhere");
    }

    @Test
    void copyObject_doesNotInheritTheSourcesRedirect_butTakesTheRequests() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src").websiteRedirectLocation("/a"), RequestBody.fromString("v"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("plain"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("own")
                .websiteRedirectLocation("http://example.com/b"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain")).websiteRedirectLocation()).isNull();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("own")).websiteRedirectLocation())
                .isEqualTo("http://example.com/b");
    }

    @Test
    void copyOntoItself_changingOnlyStorageClassOrRedirect_succeeds_changingNothing_isInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").metadata(java.util.Map.of("m", "1")), RequestBody.fromString("v"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("k")
                .storageClass(StorageClass.STANDARD_IA));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("k")
                .websiteRedirectLocation("/moved"));
        var head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(head.websiteRedirectLocation()).isEqualTo("/moved");
        assertThat(head.storageClass()).isNull(); // a copy naming no class is STANDARD
        assertThat(head.metadata()).containsEntry("m", "1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket)
                        .destinationKey("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
    }
}
