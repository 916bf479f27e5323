package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.auth.ChecksumAlgorithm;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Additional checksums (x-amz-checksum-*) on PutObject and UploadPart through the AWS SDK: verified, stored, and
 * returned with x-amz-checksum-mode: ENABLED; the composite and full-object checksums of multipart uploads. Expected values are
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
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
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

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "SHA256"})
    void uploadPartCopy_intoUploadWithChecksumAlgorithm_partsCarryTheirChecksums(ChecksumAlgorithm a) {
        String bucket = newBucket();
        byte[] source = random(5 * MIB + 4321, 7);
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromBytes(source));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(sdk(a))).uploadId();
        byte[][] parts = {Arrays.copyOfRange(source, 0, 5 * MIB), Arrays.copyOfRange(source, 5 * MIB, source.length)};
        String[] ranges = {"bytes=0-" + (5 * MIB - 1), "bytes=" + 5 * MIB + "-" + (source.length - 1)};
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            String range = ranges[i];
            CopyPartResult copied = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src")
                    .destinationBucket(bucket).destinationKey("k").uploadId(id).partNumber(n).copySourceRange(range))
                    .copyPartResult();
            String partChecksum = Base64.getEncoder().encodeToString(a.of(parts[i]));
            assertThat(a == ChecksumAlgorithm.CRC32 ? copied.checksumCRC32() : copied.checksumSHA256())
                    .isEqualTo(partChecksum);
            CompletedPart.Builder p = CompletedPart.builder().partNumber(n).eTag(copied.eTag());
            done.add((a == ChecksumAlgorithm.CRC32 ? p.checksumCRC32(partChecksum) : p.checksumSHA256(partChecksum))
                    .build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(done)));

        String composite = Base64.getEncoder().encodeToString(a.of(concat(a.of(parts[0]), a.of(parts[1])))) + "-2";
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(value(head, a)).isEqualTo(composite);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray()).isEqualTo(source);
    }

    private static byte[] concat(byte[]... chunks) {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }

    private static CompleteMultipartUploadRequest.Builder wholeChecksum(CompleteMultipartUploadRequest.Builder b,
            ChecksumAlgorithm a, String value) {
        return switch (a) {
            case CRC32 -> b.checksumCRC32(value);
            case CRC32C -> b.checksumCRC32C(value);
            case CRC64NVME -> b.checksumCRC64NVME(value);
            default -> throw new IllegalArgumentException();
        };
    }

    private static String value(CompleteMultipartUploadResponse r, ChecksumAlgorithm a) {
        return switch (a) {
            case CRC32 -> r.checksumCRC32();
            case CRC32C -> r.checksumCRC32C();
            case CRC64NVME -> r.checksumCRC64NVME();
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void completeMultipartUpload_namingTheOtherChecksumType_isBadDigest_namingItsOwn_completes() {
        String bucket = newBucket();
        String id = createFullObject(bucket, ChecksumAlgorithm.CRC32);
        byte[][] parts = {random(5 * MIB, 21), random(99, 22)};
        List<CompletedPart> done = fullObjectUpload(s3, bucket, id, ChecksumAlgorithm.CRC32, parts);
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .checksumType(ChecksumType.COMPOSITE).multipartUpload(m -> m.parts(done))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).checksumType(ChecksumType.FULL_OBJECT)
                .multipartUpload(m -> m.parts(done)));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(Base64.getEncoder().encodeToString(
                ChecksumAlgorithm.CRC32.of(concat(parts))));
    }

    /** Creates a FULL_OBJECT upload of {@code a} (CRC64NVME by its default type) and uploads two parts. */
    private List<CompletedPart> fullObjectUpload(S3Client client, String bucket, String id, ChecksumAlgorithm a,
            byte[][] parts) {
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            byte[] data = parts[i];
            UploadPartResponse r = client.uploadPart(b -> {
                b.bucket(bucket).key("k").uploadId(id).partNumber(n);
                if (a == ChecksumAlgorithm.CRC64NVME) { // the SDK computes it only with the CRT
                    b.checksumCRC64NVME(Base64.getEncoder().encodeToString(a.of(data)));
                } else {
                    b.checksumAlgorithm(sdk(a));
                }
            }, RequestBody.fromBytes(data));
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
        }
        return done;
    }

    private String createFullObject(String bucket, ChecksumAlgorithm a) {
        CreateMultipartUploadResponse created = s3.createMultipartUpload(b -> {
            b.bucket(bucket).key("k").checksumAlgorithm(sdk(a));
            if (a != ChecksumAlgorithm.CRC64NVME) {
                b.checksumType(ChecksumType.FULL_OBJECT);
            }
        });
        assertThat(created.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        return created.uploadId();
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void multipartUpload_fullObjectChecksum_isTheChecksumOfAllTheBytes(ChecksumAlgorithm a) throws Exception {
        String bucket = newBucket();
        String id = createFullObject(bucket, a);
        byte[][] parts = {random(5 * MIB, 11), random(5 * MIB + 17, 12), random(4321, 13)};
        List<CompletedPart> done = fullObjectUpload(s3, bucket, id, a, parts);
        byte[] whole = concat(parts);
        String expected = Base64.getEncoder().encodeToString(a.of(whole));
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(b -> wholeChecksum(
                b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(done)), a, expected));
        assertThat(value(completed, a)).isEqualTo(expected);
        assertThat(completed.checksumTypeAsString()).isEqualTo("FULL_OBJECT");

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
        assertThat(value(head, a)).isEqualTo(expected);
        assertThat(head.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
        if (a != ChecksumAlgorithm.CRC64NVME) { // the SDK validates the body against it (CRC64NVME: CRT only)
            var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
            assertThat(got.asByteArray()).isEqualTo(whole);
            assertThat(value(got.response(), a)).isEqualTo(expected);
        }
        var listed = s3.listMultipartUploads(b -> b.bucket(bucket));
        assertThat(listed.uploads()).isEmpty();
    }

    @Test
    void completeMultipartUpload_wrongFullObjectChecksum_isBadDigestAndKeepsTheUpload() {
        String bucket = newBucket();
        ChecksumAlgorithm a = ChecksumAlgorithm.CRC32;
        String id = createFullObject(bucket, a);
        List<CompletedPart> done = fullObjectUpload(s3, bucket, id, a, new byte[][] {random(100, 21)});
        String wrong = Base64.getEncoder().encodeToString(a.of(new byte[] {1}));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> wholeChecksum(
                b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(done)), a, wrong)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The crc32 you specified did not match the calculated checksum.");
                });
        String crc32c = Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32C.of(new byte[] {1}));
        assertInvalidRequest(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                        .multipartUpload(m -> m.parts(done)).checksumCRC32(wrong).checksumCRC32C(crc32c)),
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        assertThat(s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).parts()).hasSize(1);
    }

    @Test
    void uploadPart_withoutChecksumInFullObjectUpload_getsOneComputedForTheWhole() {
        String bucket = newBucket();
        ChecksumAlgorithm a = ChecksumAlgorithm.CRC32C;
        String id = createFullObject(bucket, a);
        byte[][] parts = {random(5 * MIB, 31), random(999, 32)};
        List<CompletedPart> done = new ArrayList<>();
        try (S3Client plain = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            for (int i = 0; i < parts.length; i++) {
                int n = i + 1;
                UploadPartResponse r = plain.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(n),
                        RequestBody.fromBytes(parts[n - 1]));
                assertThat(r.checksumCRC32C()).isEqualTo(Base64.getEncoder().encodeToString(a.of(parts[n - 1])));
                done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
            }
        }
        CompleteMultipartUploadResponse completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k")
                .uploadId(id).multipartUpload(m -> m.parts(done)));
        assertThat(completed.checksumCRC32C()).isEqualTo(Base64.getEncoder().encodeToString(a.of(concat(parts))));
    }

    @Test
    void createMultipartUpload_checksumTypeNotAllowed_isInvalidRequest() {
        String bucket = newBucket();
        assertInvalidRequest(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                .checksumAlgorithm(sdk(ChecksumAlgorithm.SHA1)).checksumType(ChecksumType.FULL_OBJECT)),
                "The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.");
        assertInvalidRequest(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                .checksumAlgorithm(sdk(ChecksumAlgorithm.CRC64NVME)).checksumType(ChecksumType.COMPOSITE)),
                "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
        assertInvalidRequest(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                .checksumType(ChecksumType.FULL_OBJECT)),
                "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
        // the type is read as AWS reads it, whatever its case
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(sdk(ChecksumAlgorithm.CRC32))
                .overrideConfiguration(o -> o.putHeader("x-amz-checksum-type", "full_object"))).uploadId();
        assertThat(s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).checksumTypeAsString())
                .isEqualTo("FULL_OBJECT");
    }

    @Test
    void putObject_sdkChecksumAlgorithmOtherThanTheChecksumSent_isInvalidRequest() {
        String bucket = newBucket();
        byte[] data = {'x'};
        String crc32 = Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC32.of(data));
        // a CRC32 in its header, the SDK's algorithm header naming another
        assertInvalidRequest(() -> s3.putObject(b -> b.bucket(bucket).key("k").checksumCRC32(crc32)
                        .overrideConfiguration(o -> o.putHeader("x-amz-sdk-checksum-algorithm", "SHA256")),
                RequestBody.fromBytes(data)), "Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }

    @Test
    void uploadPart_withoutChecksumInCompositeUpload_isChecksumTypeMismatch() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")
                .checksumAlgorithm(sdk(ChecksumAlgorithm.SHA256))).uploadId();
        try (S3Client plain = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            assertInvalidRequest(() -> plain.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1),
                    RequestBody.fromString("part")),
                    "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null");
        }
    }

    private static void assertInvalidRequest(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
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
