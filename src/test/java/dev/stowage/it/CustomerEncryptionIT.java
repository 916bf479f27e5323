package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * SSE-C through the SDK: an object put with a customer key reads back with that key only (whole, by range, small and
 * large), its metadata too; the key's MD5 and the algorithm come back; bad keys get AWS's errors; copies and
 * multipart uploads with customer keys are refused.
 */
@QuarkusTest
class CustomerEncryptionIT extends S3TestSupport {
    private static final Random RANDOM = new Random(7);

    private record Key(String base64, String md5) {}

    private static Key newKey() throws Exception {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new Key(Base64.getEncoder().encodeToString(raw),
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw)));
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        RANDOM.nextBytes(data);
        return data;
    }

    private void put(String bucket, String k, byte[] data, Key key) {
        var r = s3.putObject(b -> b.bucket(bucket).key(k).sseCustomerAlgorithm("AES256").sseCustomerKey(key.base64())
                .sseCustomerKeyMD5(key.md5()), RequestBody.fromBytes(data));
        assertThat(r.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(r.sseCustomerKeyMD5()).isEqualTo(key.md5());
    }

    private ResponseBytes<GetObjectResponse> get(String bucket, String k, Key key, String range) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(k).range(range).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5()));
    }

    @Test
    void objectsPutWithAKey_readBackWithThatKey_wholeAndByRange() throws Exception {
        String bucket = newBucket();
        Key key = newKey();
        for (int size : new int[] {0, 1, 15, 16, 17, 8191, 300_000, 1_200_000}) {
            byte[] data = bytes(size);
            put(bucket, "o" + size, data, key);
            ResponseBytes<GetObjectResponse> whole = get(bucket, "o" + size, key, null);
            assertThat(whole.asByteArray()).as("size %d", size).isEqualTo(data);
            assertThat(whole.response().sseCustomerKeyMD5()).isEqualTo(key.md5());
            if (size > 40) {
                int from = 17;
                int to = size - 5;
                assertThat(get(bucket, "o" + size, key, "bytes=" + from + "-" + to).asByteArray())
                        .isEqualTo(Arrays.copyOfRange(data, from, to + 1));
            }
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("o15").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5()));
        assertThat(head.contentLength()).isEqualTo(15);
        assertThat(head.sseCustomerAlgorithm()).isEqualTo("AES256");
    }

    @Test
    void theStoredFile_holdsNoneOfThePlaintext() throws Exception {
        String bucket = newBucket();
        byte[] data = ("a recognisable plaintext line\n").repeat(2000).getBytes();
        put(bucket, "doc", data, newKey());
        Path objects = Path.of(ConfigProvider.getConfig().getValue("stowage.data-dir", String.class), "buckets", bucket,
                "objects");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(objects)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(1);
        byte[] stored = Files.readAllBytes(files.get(0));
        assertThat(stored.length).isGreaterThan(data.length);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("recognisable plaintext");
    }

    @Test
    void readingWithoutTheKey_isInvalidRequest_andWithAnotherKey_accessDenied() throws Exception {
        String bucket = newBucket();
        Key key = newKey();
        put(bucket, "secret", "top secret".getBytes(), key);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("secret")), 400, "InvalidRequest");
        Key other = newKey();
        assertS3Error(() -> get(bucket, "secret", other, null), 403, "AccessDenied");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("secret")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void aKeyForAnObjectStoredWithout_isInvalidRequest_andBadKeysGetAwssErrors() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("plain"));
        Key key = newKey();
        String otherMd5 = newKey().md5();
        assertS3Error(() -> get(bucket, "plain", key, null), 400, "InvalidRequest");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(otherMd5), RequestBody.fromString("v")),
                400, "InvalidArgument");
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("k").sseCustomerAlgorithm("AES128")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5()), RequestBody.fromString("v")),
                400, "InvalidEncryptionAlgorithmError");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("plain");
    }

    @Test
    void copyObject_decryptsWithTheSourcesKey_andEncryptsWithTheCopysOwn() throws Exception {
        String bucket = newBucket();
        Key first = newKey();
        Key second = newKey();
        byte[] data = bytes(200_000);
        put(bucket, "src", data, first);
        assertS3Error(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("nokey")), 400, "InvalidRequest");

        var rekeyed = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("rekeyed").copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(first.base64()).copySourceSSECustomerKeyMD5(first.md5())
                .sseCustomerAlgorithm("AES256").sseCustomerKey(second.base64()).sseCustomerKeyMD5(second.md5()));
        assertThat(rekeyed.sseCustomerKeyMD5()).isEqualTo(second.md5());
        assertThat(get(bucket, "rekeyed", second, null).asByteArray()).isEqualTo(data);
        assertS3Error(() -> get(bucket, "rekeyed", first, null), 403, "AccessDenied");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("rekeyed").destinationBucket(bucket)
                .destinationKey("plain").copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(second.base64()).copySourceSSECustomerKeyMD5(second.md5()));
        ResponseBytes<GetObjectResponse> plain = s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain"));
        assertThat(plain.asByteArray()).isEqualTo(data);
        assertThat(plain.response().eTag()).isEqualTo('"' + hex(MessageDigest.getInstance("MD5").digest(data)) + '"');

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("sealed").sseCustomerAlgorithm("AES256").sseCustomerKey(first.base64())
                .sseCustomerKeyMD5(first.md5()));
        assertThat(get(bucket, "sealed", first, null).asByteArray()).isEqualTo(data);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("sealed")), 400, "InvalidRequest");
    }

    @Test
    void multipartUploads_encryptEveryPartWithTheUploadsKey_andReadBackWholeByRangeAndByPart() throws Exception {
        String bucket = newBucket();
        Key key = newKey();
        byte[][] parts = {bytes(5 << 20), bytes(5 << 20), bytes(1_000_003)};
        var created = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5()));
        assertThat(created.sseCustomerKeyMD5()).isEqualTo(key.md5());
        String upload = created.uploadId();
        // refused before the body is read: small bodies, so the gateway need not cut a large one off
        assertS3Error(() -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("small")), 400, "InvalidRequest");
        Key other = newKey();
        assertS3Error(() -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1)
                .sseCustomerAlgorithm("AES256").sseCustomerKey(other.base64()).sseCustomerKeyMD5(other.md5()),
                RequestBody.fromString("small")), 400, "InvalidArgument");
        List<CompletedPart> done = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = (i + 1) * 2; // numbers with gaps: each part's IV follows its number
            byte[] part = parts[i];
            var r = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(number)
                    .sseCustomerAlgorithm("AES256").sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5()),
                    RequestBody.fromBytes(part));
            assertThat(r.sseCustomerKeyMD5()).isEqualTo(key.md5());
            done.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(done)));
        byte[] whole = new byte[parts[0].length + parts[1].length + parts[2].length];
        System.arraycopy(parts[0], 0, whole, 0, parts[0].length);
        System.arraycopy(parts[1], 0, whole, parts[0].length, parts[1].length);
        System.arraycopy(parts[2], 0, whole, 2 * parts[0].length, parts[2].length);
        assertThat(get(bucket, "mp", key, null).asByteArray()).isEqualTo(whole);
        int from = (5 << 20) - 100;
        int to = (10 << 20) + 77;
        assertThat(get(bucket, "mp", key, "bytes=" + from + "-" + to).asByteArray())
                .isEqualTo(Arrays.copyOfRange(whole, from, to + 1));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").partNumber(3).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5())).asByteArray()).isEqualTo(parts[2]);
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("mp")), 400, "InvalidRequest");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket).destinationKey("plain")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(key.base64())
                .copySourceSSECustomerKeyMD5(key.md5()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")).asByteArray()).isEqualTo(whole);
    }

    @Test
    void partCopies_decryptWithTheSourcesKey_andEncryptWithTheUploadsKey() throws Exception {
        String bucket = newBucket();
        Key sourceKey = newKey();
        Key uploadKey = newKey();
        byte[] sealed = bytes(5 << 20);
        byte[] plain = bytes(300_000);
        put(bucket, "sealed", sealed, sourceKey);
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(plain));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(uploadKey.base64()).sseCustomerKeyMD5(uploadKey.md5())).uploadId();
        assertS3Error(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("sealed").destinationBucket(bucket)
                .destinationKey("mp").uploadId(upload).partNumber(1).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(uploadKey.base64()).sseCustomerKeyMD5(uploadKey.md5())), 400, "InvalidRequest");
        String first = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("sealed").destinationBucket(bucket)
                .destinationKey("mp").uploadId(upload).partNumber(1)
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(sourceKey.base64())
                .copySourceSSECustomerKeyMD5(sourceKey.md5()).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(uploadKey.base64()).sseCustomerKeyMD5(uploadKey.md5())).copyPartResult().eTag();
        String second = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("mp").uploadId(upload).partNumber(2).copySourceRange("bytes=1000-200999")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(uploadKey.base64())
                .sseCustomerKeyMD5(uploadKey.md5())).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(first).build(),
                CompletedPart.builder().partNumber(2).eTag(second).build())));
        byte[] expected = new byte[sealed.length + 200_000];
        System.arraycopy(sealed, 0, expected, 0, sealed.length);
        System.arraycopy(plain, 1000, expected, sealed.length, 200_000);
        assertThat(get(bucket, "mp", uploadKey, null).asByteArray()).isEqualTo(expected);
        assertS3Error(() -> get(bucket, "mp", sourceKey, null), 403, "AccessDenied");
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
