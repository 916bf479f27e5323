package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.auth.ChecksumAlgorithm;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Additional checksums (x-amz-checksum-*) on PutObject and UploadPart through the AWS SDK: verified, stored, and
 * returned with x-amz-checksum-mode: ENABLED; the composite checksum of multipart uploads. Expected values are
 * computed with the JDK (CRC32, SHA) or, for the other algorithms, checked by the SDK's own validation.
 */
@QuarkusTest
class ChecksumIT extends S3TestSupport {
    private static final int MIB = 1024 * 1024;

    private static software.amazon.awssdk.services.s3.model.ChecksumAlgorithm sdk(ChecksumAlgorithm a) {
        return software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.fromValue(a.displayName());
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String value(Object response, ChecksumAlgorithm a) {
        return switch (response) {
            case HeadObjectResponse h -> switch (a) {
                case CRC32 -> h.checksumCRC32();
                case CRC32C -> h.checksumCRC32C();
                case CRC64NVME -> h.checksumCRC64NVME();
                case SHA1 -> h.checksumSHA1();
                case SHA256 -> h.checksumSHA256();
            };
            case GetObjectResponse g -> switch (a) {
                case CRC32 -> g.checksumCRC32();
                case CRC32C -> g.checksumCRC32C();
                case CRC64NVME -> g.checksumCRC64NVME();
                case SHA1 -> g.checksumSHA1();
                case SHA256 -> g.checksumSHA256();
            };
            case UploadPartResponse u -> switch (a) {
                case CRC32 -> u.checksumCRC32();
                case CRC32C -> u.checksumCRC32C();
                case CRC64NVME -> u.checksumCRC64NVME();
                case SHA1 -> u.checksumSHA1();
                case SHA256 -> u.checksumSHA256();
            };
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void putObject_eachAlgorithm_isStoredAndReturnedWithChecksumMode(ChecksumAlgorithm a) {
        String bucket = newBucket();
        byte[] data = random(100_000, a.ordinal());
        String expected = Base64.getEncoder().encodeToString(a.of(data));
        // The SDK computes CRC64NVME only with the CRT library: that one is sent precomputed.
        s3.putObject(b -> {
            b.bucket(bucket).key("k");
            if (a == ChecksumAlgorithm.CRC64NVME) {
                b.checksumCRC64NVME(expected);
            } else {
                b.checksumAlgorithm(sdk(a));
            }
        }, RequestBody.fromBytes(data));

        HeadObjectResponse withMode = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(value(withMode, a)).isEqualTo(expected);
        assertThat(withMode.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        HeadObjectResponse without = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertThat(value(without, a)).isNull();
        if (a != ChecksumAlgorithm.CRC64NVME) { // the SDK validates the body against it: CRT needed for CRC64NVME
            var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
            assertThat(got.asByteArray()).isEqualTo(data);
            assertThat(value(got.response(), a)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void putObject_wrongChecksumHeader_isBadDigest(ChecksumAlgorithm a) {
        String bucket = newBucket();
        String wrong = Base64.getEncoder().encodeToString(a.of("something else".getBytes()));
        assertThatThrownBy(() -> s3.putObject(b -> {
            b.bucket(bucket).key("k");
            switch (a) {
                case CRC32 -> b.checksumCRC32(wrong);
                case CRC32C -> b.checksumCRC32C(wrong);
                case CRC64NVME -> b.checksumCRC64NVME(wrong);
                case SHA1 -> b.checksumSHA1(wrong);
                case SHA256 -> b.checksumSHA256(wrong);
            }
        }, RequestBody.fromString("the body"))).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void putObject_malformedChecksumHeader_isInvalidRequest() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k").checksumCRC32("not base64!"),
                RequestBody.fromString("x"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void multipartUpload_withChecksumAlgorithm_hasCompositeChecksumAndPartChecksums(ChecksumAlgorithm a) {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(sdk(a))).uploadId();
        byte[][] parts = {random(5 * MIB, 1), random(1234, 2)};
        List<CompletedPart> done = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            byte[] data = parts[i];
            String partChecksum = Base64.getEncoder().encodeToString(a.of(data));
            UploadPartResponse r = s3.uploadPart(b -> {
                b.bucket(bucket).key("k").uploadId(id).partNumber(n);
                if (a == ChecksumAlgorithm.CRC64NVME) {
                    b.checksumCRC64NVME(partChecksum);
                } else {
                    b.checksumAlgorithm(sdk(a));
                }
            }, RequestBody.fromBytes(data));
            assertThat(value(r, a)).isEqualTo(partChecksum);
            raw.add(a.of(data));
            CompletedPart.Builder p = CompletedPart.builder().partNumber(n).eTag(r.eTag());
            switch (a) {
                case CRC32 -> p.checksumCRC32(partChecksum);
                case CRC32C -> p.checksumCRC32C(partChecksum);
                case CRC64NVME -> p.checksumCRC64NVME(partChecksum);
                case SHA1 -> p.checksumSHA1(partChecksum);
                case SHA256 -> p.checksumSHA256(partChecksum);
            }
            done.add(p.build());
        }
        var listed = s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).parts();
        assertThat(listed).hasSize(2);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(done)));

        byte[] concatenated = new byte[raw.get(0).length * 2];
        System.arraycopy(raw.get(0), 0, concatenated, 0, raw.get(0).length);
        System.arraycopy(raw.get(1), 0, concatenated, raw.get(0).length, raw.get(1).length);
        String composite = Base64.getEncoder().encodeToString(a.of(concatenated)) + "-2";
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(value(head, a)).isEqualTo(composite);
        assertThat(head.checksumTypeAsString()).isEqualTo("COMPOSITE");
    }

    @Test
    void uploadPart_wrongChecksum_isBadDigest() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String wrong = Base64.getEncoder().encodeToString(ChecksumAlgorithm.SHA256.of(new byte[1]));
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1)
                .checksumSHA256(wrong), RequestBody.fromString("part"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).parts()).isEmpty();
    }
}
