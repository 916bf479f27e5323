package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** GetObject and HeadObject with {@code ?partNumber=N}, as the SDKs' multipart downloads use them. */
@QuarkusTest
class GetObjectPartNumberIT extends S3TestSupport {
    private static final int MIB = 1024 * 1024;

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A three-part object (5 MiB, 6 MiB, 1234 bytes) under key "k"; returns the parts' bytes. */
    private List<byte[]> threePartObject(String bucket) {
        List<byte[]> parts = List.of(random(5 * MIB, 1), random(6 * MIB, 2), random(1234, 3));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int n = i + 1;
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(n),
                    RequestBody.fromBytes(parts.get(n - 1))).eTag();
            done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(done)));
        return parts;
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            if (code != null) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            }
        });
    }

    @Test
    void getObject_eachPartNumberOfAThreePartObject_isThatPartWith206AndThePartsCount() {
        String bucket = newBucket();
        List<byte[]> parts = threePartObject(bucket);
        long total = parts.stream().mapToLong(p -> p.length).sum();
        String etag = s3.headObject(b -> b.bucket(bucket).key("k")).eTag();
        long start = 0;
        for (int n = 1; n <= 3; n++) {
            int number = n;
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")
                    .partNumber(number));
            byte[] part = parts.get(n - 1);
            assertThat(got.asByteArray()).isEqualTo(part);
            GetObjectResponse r = got.response();
            assertThat(r.sdkHttpResponse().statusCode()).isEqualTo(206);
            assertThat(r.contentRange()).isEqualTo("bytes " + start + "-" + (start + part.length - 1) + "/" + total);
            assertThat(r.contentLength()).isEqualTo(part.length);
            assertThat(r.partsCount()).isEqualTo(3);
            assertThat(r.eTag()).isEqualTo(etag).endsWith("-3\"");
            start += part.length;
        }
    }

    @Test
    void headObject_partNumber_givesThePartsLengthRangeAndCount() {
        String bucket = newBucket();
        List<byte[]> parts = threePartObject(bucket);
        HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key("k").partNumber(2));
        assertThat(r.sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(r.contentLength()).isEqualTo(parts.get(1).length);
        assertThat(r.partsCount()).isEqualTo(3);
        assertThat(r.contentRange()).isEqualTo("bytes " + 5 * MIB + "-" + (11 * MIB - 1) + "/" + (11 * MIB + 1234));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).partsCount()).isNull();
    }

    @Test
    void getObject_partNumberBeyondTheLastPart_isInvalidPartNumber() {
        String bucket = newBucket();
        threePartObject(bucket);
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").partNumber(4)), 416,
                "InvalidPartNumber");
        assertError(() -> s3.headObject(b -> b.bucket(bucket).key("k").partNumber(4)), 416, null);
    }

    @Test
    void getObject_partNumberOneOfASinglePartObject_isTheWholeObjectAs206() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromString("0123456789"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(1));
        assertThat(got.asUtf8String()).isEqualTo("0123456789");
        assertThat(got.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(got.response().contentRange()).isEqualTo("bytes 0-9/10");
        assertThat(got.response().partsCount()).isNull();
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(2)), 416,
                "InvalidPartNumber");
    }

    @Test
    void getObject_partNumberWithRange_isInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromString("0123456789"));
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(1).range("bytes=0-1")),
                400, "InvalidRequest");
    }

    @Test
    void getObject_partNumberOutOfRange_isInvalidArgument() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromString("0123456789"));
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(0)), 400,
                "InvalidArgument");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(10_001)), 400,
                "InvalidArgument");
    }
}
