package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** GetObjectAttributes through the AWS SDK: ETag, checksum, size, storage class, and paged parts. */
@QuarkusTest
class GetObjectAttributesIT extends S3TestSupport {
    private static final int MIB = 1024 * 1024;

    @Test
    void getObjectAttributes_ofAPut_givesEtagChecksumSizeAndClass_andNoParts() {
        String bucket = newBucket();
        String etag = s3.putObject(b -> b.bucket(bucket).key("k").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("attributes")).eTag();
        GetObjectAttributesResponse got = s3.getObjectAttributes(b -> b.bucket(bucket).key("k").objectAttributes(
                ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_SIZE,
                ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_PARTS));
        assertThat(got.eTag()).isEqualTo(etag.replace("\"", ""));
        assertThat(got.objectSize()).isEqualTo(10L);
        assertThat(got.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(got.checksum().checksumCRC32()).isEqualTo(
                s3.headObject(b -> b.bucket(bucket).key("k").checksumMode("ENABLED")).checksumCRC32());
        assertThat(got.objectParts()).isNull();
        assertThat(got.lastModified()).isNotNull();

        GetObjectAttributesResponse sizeOnly = s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertThat(sizeOnly.eTag()).isNull();
        assertThat(sizeOnly.objectSize()).isEqualTo(10L);
    }

    @Test
    void getObjectAttributes_ofAMultipartObject_pagesItsParts() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        int[] sizes = {5 * MIB, 5 * MIB + 1, 123};
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int n = i + 1;
            byte[] data = new byte[sizes[i]];
            new Random(n).nextBytes(data);
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(n),
                    RequestBody.fromBytes(data)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id).multipartUpload(m -> m.parts(parts)));

        GetObjectAttributesResponse first = s3.getObjectAttributes(b -> b.bucket(bucket).key("mp").maxParts(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.OBJECT_SIZE));
        assertThat(first.objectSize()).isEqualTo((long) sizes[0] + sizes[1] + sizes[2]);
        assertThat(first.objectParts().totalPartsCount()).isEqualTo(3);
        assertThat(first.objectParts().isTruncated()).isTrue();
        assertThat(first.objectParts().nextPartNumberMarker()).isEqualTo(2);
        assertThat(first.objectParts().parts()).extracting(p -> p.partNumber() + ":" + p.size())
                .containsExactly("1:" + sizes[0], "2:" + sizes[1]);

        GetObjectAttributesResponse rest = s3.getObjectAttributes(b -> b.bucket(bucket).key("mp").maxParts(2)
                .partNumberMarker(2).objectAttributes(ObjectAttributes.OBJECT_PARTS));
        assertThat(rest.objectParts().isTruncated()).isFalse();
        assertThat(rest.objectParts().parts()).extracting(p -> p.partNumber() + ":" + p.size())
                .containsExactly("3:" + sizes[2]);
    }

    @Test
    void getObjectAttributes_unknownAttribute_isInvalidArgument_missingKey_isNoSuchKey() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
                .objectAttributesWithStrings("Colour"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
        assertThatThrownBy(() -> s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
                .objectAttributesWithStrings(" "))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("either missing or empty");
                });
        assertThatThrownBy(() -> s3.getObjectAttributes(b -> b.bucket(bucket).key("absent")
                .objectAttributes(ObjectAttributes.E_TAG))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
