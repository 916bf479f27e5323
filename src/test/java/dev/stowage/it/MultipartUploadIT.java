package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import dev.stowage.config.StowageConfig;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.StaleUploadCleanup;
import dev.stowage.usage.StorageLedger;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads through the AWS SDK: the whole life of an upload, AWS's errors, listings, cleanup. */
@QuarkusTest
class MultipartUploadIT extends S3TestSupport {
    private static final int MIB = 1024 * 1024;

    @Inject
    StaleUploadCleanup cleanup;

    @Inject
    StowageConfig config;

    @Inject
    StorageLedger storageLedger;

    @Inject
    ObjectStore store;

    @Inject
    Accounts accounts;

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] md5(byte[]... chunks) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        for (byte[] c : chunks) {
            md.update(c);
        }
        return md.digest();
    }

    private String create(String bucket, String key) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    }

    private CompletedPart upload(String bucket, String key, String id, int n, byte[] data) {
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(n),
                RequestBody.fromBytes(data)).eTag();
        return CompletedPart.builder().partNumber(n).eTag(etag).build();
    }

    private void complete(String bucket, String key, String id, CompletedPart... parts) {
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
    }

    @Test
    void multipartUpload_100MiBInParts_roundTripsWithMultipartEtagAndCreateTimeMetadata() throws Exception {
        String bucket = newBucket();
        Path file = Files.createTempFile("mp", ".bin");
        try {
            byte[] chunk = random(MIB, 1);
            int partSize = 16 * MIB;
            try (var out = Files.newOutputStream(file)) {
                for (int i = 0; i < 100; i++) {
                    chunk[0] = (byte) i;
                    out.write(chunk);
                }
            }
            String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin").contentType("application/x-big")
                    .metadata(Map.of("origin", "it"))).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            MessageDigest ofMd5s = MessageDigest.getInstance("MD5");
            long size = Files.size(file);
            for (int n = 1; (long) (n - 1) * partSize < size; n++) {
                long offset = (long) (n - 1) * partSize;
                byte[] part = new byte[(int) Math.min(partSize, size - offset)];
                try (var in = Files.newInputStream(file)) {
                    in.skipNBytes(offset);
                    in.readNBytes(part, 0, part.length);
                }
                ofMd5s.update(md5(part));
                parts.add(upload(bucket, "big.bin", id, n, part));
            }
            complete(bucket, "big.bin", id, parts.toArray(CompletedPart[]::new));
            String expectedEtag = '"' + HexFormat.of().formatHex(ofMd5s.digest()) + "-" + parts.size() + '"';

            var head = s3.headObject(b -> b.bucket(bucket).key("big.bin"));
            assertThat(head.eTag()).isEqualTo(expectedEtag);
            assertThat(head.contentLength()).isEqualTo(size);
            assertThat(head.contentType()).isEqualTo("application/x-big");
            assertThat(head.metadata()).containsEntry("origin", "it");
            try (InputStream got = s3.getObject(b -> b.bucket(bucket).key("big.bin"));
                    InputStream want = Files.newInputStream(file)) {
                assertThat(got).hasSameContentAs(want);
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("big.bin");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void uploadPart_sameNumberTwice_keepsTheLast() throws Exception {
        String bucket = newBucket();
        String id = create(bucket, "k");
        upload(bucket, "k", id, 1, "first".getBytes());
        CompletedPart last = upload(bucket, "k", id, 1, "second".getBytes());
        complete(bucket, "k", id, last);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("second");
    }

    @Test
    void completeMultipartUpload_partTooSmall_isEntityTooSmall() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart p1 = upload(bucket, "k", id, 1, random(1000, 2));
        CompletedPart p2 = upload(bucket, "k", id, 2, random(1000, 3));
        assertThatThrownBy(() -> complete(bucket, "k", id, p1, p2)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
        });
        assertThat(s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).parts()).hasSize(2);
    }

    @Test
    void completeMultipartUpload_lastPartSmall_isAccepted() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart p1 = upload(bucket, "k", id, 1, random(5 * MIB, 4));
        CompletedPart p2 = upload(bucket, "k", id, 2, random(10, 5));
        complete(bucket, "k", id, p1, p2);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).contentLength()).isEqualTo(5L * MIB + 10);
    }

    @Test
    void completeMultipartUpload_wrongEtagOrMissingPart_isInvalidPart() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        upload(bucket, "k", id, 1, random(10, 6));
        CompletedPart wrong = CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build();
        CompletedPart missing = CompletedPart.builder().partNumber(7).eTag("\"00000000000000000000000000000000\"").build();
        for (CompletedPart p : List.of(wrong, missing)) {
            assertThatThrownBy(() -> complete(bucket, "k", id, p)).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        }
        CompletedPart negative = CompletedPart.builder().partNumber(-4).eTag("\"00000000000000000000000000000000\"")
                .build();
        assertThatThrownBy(() -> complete(bucket, "k", id, negative)).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("PartNumber must be >= 1");
        });
    }

    @Test
    void completeMultipartUpload_partsOutOfOrder_isInvalidPartOrder() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart p1 = upload(bucket, "k", id, 1, random(5 * MIB, 7));
        CompletedPart p2 = upload(bucket, "k", id, 2, random(10, 8));
        assertThatThrownBy(() -> complete(bucket, "k", id, p2, p1)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));
    }

    @Test
    void uploadPart_partNumberOutOfRange_isInvalidArgument() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        for (int n : new int[] {0, 10_001}) {
            assertThatThrownBy(() -> upload(bucket, "k", id, n, new byte[1])).isInstanceOfSatisfying(
                    S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    });
        }
        upload(bucket, "k", id, 10_000, new byte[1]);
    }

    @Test
    void uploadPart_unknownOrHostileUploadId_isNoSuchUpload() {
        String bucket = newBucket();
        create(bucket, "k");
        for (String id : List.of("nope", "../../../etc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%2e%2e")) {
            assertThatThrownBy(() -> upload(bucket, "k", id, 1, new byte[1])).isInstanceOf(NoSuchUploadException.class);
            assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)))
                    .isInstanceOf(NoSuchUploadException.class);
        }
    }

    @Test
    void uploadPart_uploadOfAnotherKey_isNoSuchUpload() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        assertThatThrownBy(() -> upload(bucket, "other", id, 1, new byte[1])).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void uploadPart_wrongContentMd5_isBadDigest() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1)
                        .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
    }

    @Test
    void noSuchUpload_errorCarriesTheUploadId() throws Exception {
        String bucket = newBucket();
        String id = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)))
                .isInstanceOfSatisfying(NoSuchUploadException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        try (var presigner = presigner()) {
            var url = presigner.presignAbortMultipartUpload(p -> p.signatureDuration(java.time.Duration.ofMinutes(5))
                    .abortMultipartUploadRequest(b -> b.bucket(bucket).key("k").uploadId(id))).url();
            var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                    java.net.http.HttpRequest.newBuilder(url.toURI()).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            assertThat(response.body()).contains("<Code>NoSuchUpload</Code>").contains("<UploadId>" + id + "</UploadId>");
        }
    }

    @Test
    void abortMultipartUpload_leavesNothingBehind() throws IOException {
        String bucket = newBucket();
        String id = create(bucket, "k");
        upload(bucket, "k", id, 1, random(1000, 9));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(filesUnder(uploadsDir(bucket))).isEmpty();
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void abortMultipartUpload_ifMatchInitiatedTime_abortsOnlyThatUpload() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        Instant initiated = s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().getFirst().initiated();
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .ifMatchInitiatedTime(initiated.minusSeconds(3600))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(1);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).ifMatchInitiatedTime(initiated));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        // with the condition, an upload that is gone is 204, as AWS answers
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).ifMatchInitiatedTime(initiated));
    }

    @Test
    void completeMultipartUpload_mpObjectSize_mustBeTheTotalOfTheParts() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart part = upload(bucket, "k", id, 1, random(1000, 11));
        for (long wrong : new long[] {-1, 999}) {
            assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                    .mpuObjectSize(wrong).multipartUpload(m -> m.parts(part))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                    });
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(1); // kept for a retry
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).mpuObjectSize(1000L)
                .multipartUpload(m -> m.parts(part)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).contentLength()).isEqualTo(1000);
    }

    @Test
    void completeMultipartUpload_leavesNoStagedFiles() throws IOException {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart p = upload(bucket, "k", id, 1, random(1000, 10));
        complete(bucket, "k", id, p);
        assertThat(filesUnder(uploadsDir(bucket))).isEmpty();
        assertThatThrownBy(() -> upload(bucket, "k", id, 2, new byte[1])).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void completeMultipartUpload_twoAtOnce_oneObjectNeverAServerError() throws Exception {
        for (int round = 0; round < 3; round++) {
            String bucket = newBucket();
            String id = create(bucket, "k");
            byte[] first = random(5 * MIB, 40 + round);
            byte[] last = random(777, 50 + round);
            CompletedPart p1 = upload(bucket, "k", id, 1, first);
            CompletedPart p2 = upload(bucket, "k", id, 2, last);
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    outcomes.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try {
                            return s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                                    .multipartUpload(m -> m.parts(p1, p2))).eTag();
                        } catch (NoSuchUploadException e) {
                            return "NoSuchUpload";
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, TimeUnit.SECONDS)); // any other error (a 500) fails here
                }
                String etag = '"' + HexFormat.of().formatHex(md5(md5(first), md5(last))) + "-2\"";
                assertThat(results).contains(etag).allMatch(r -> r.equals(etag) || r.equals("NoSuchUpload"));
            } finally {
                pool.shutdownNow();
            }
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray();
            assertThat(stored).hasSize(first.length + last.length);
            assertThat(md5(stored)).isEqualTo(md5(first, last));
            assertThat(filesUnder(uploadsDir(bucket))).isEmpty();
        }
    }

    @Test
    void completeMultipartUpload_again_answersAsTheFirstCompletion() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        CompletedPart p = upload(bucket, "k", id, 1, random(1000, 60));
        String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(p))).eTag();
        assertThat(s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(p))).eTag()).isEqualTo(etag);
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("other").uploadId(id)
                .multipartUpload(m -> m.parts(p)))).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void listings_initiatorAndOwner_areTheUserWhoCreatedTheUpload() {
        String bucket = newBucket();
        UserAccount writer = accounts.createUser(TestEmails.fresh("initiator"), false);
        s3.putBucketAcl(b -> b.bucket(bucket).grantWrite("id=\"" + writer.id() + "\"")
                .grantFullControl("id=\"" + USER_ID + "\""));
        var key = writer.keys().get(0);
        String id;
        try (S3Client other = client(key.accessKeyId(), key.secretAccessKey())) {
            id = other.createMultipartUpload(b -> b.bucket(bucket).key("theirs")).uploadId();
        }
        String ownUpload = create(bucket, "mine");
        Map<String, MultipartUpload> byKey = new java.util.HashMap<>();
        s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().forEach(u -> byKey.put(u.key(), u));
        assertThat(byKey.get("theirs").initiator().id()).isEqualTo(writer.id());
        assertThat(byKey.get("theirs").owner().id()).isEqualTo(writer.id());
        assertThat(byKey.get("mine").initiator().id()).isEqualTo(USER_ID);
        assertThat(ownUpload).isNotEqualTo(id);
        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key("theirs").uploadId(id));
        assertThat(parts.initiator().id()).isEqualTo(writer.id());
        assertThat(parts.owner().id()).isEqualTo(writer.id());
    }

    @Test
    void uploadsInProgress_areNotListedAsObjects() {
        String bucket = newBucket();
        String id = create(bucket, "staged");
        upload(bucket, "staged", id, 1, random(100, 11));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void listParts_pagesWithMarkerAndMaxParts() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        for (int n = 1; n <= 5; n++) {
            upload(bucket, "k", id, n, random(10 + n, n));
        }
        ListPartsResponse first = s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id).maxParts(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextPartNumberMarker()).isEqualTo(2);
        assertThat(first.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(first.parts().get(0).size()).isEqualTo(11L);
        ListPartsResponse rest = s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id).partNumberMarker(2));
        assertThat(rest.isTruncated()).isFalse();
        assertThat(rest.parts()).extracting(p -> p.partNumber()).containsExactly(3, 4, 5);
    }

    @Test
    void listMultipartUploads_prefixDelimiterAndPaging() {
        String bucket = newBucket();
        String a1 = create(bucket, "a/1");
        String a2 = create(bucket, "a/2");
        String b1 = create(bucket, "b");
        String b2 = create(bucket, "b");
        create(bucket, "c/d/e");

        ListMultipartUploadsResponse rolled = s3.listMultipartUploads(b -> b.bucket(bucket).delimiter("/"));
        assertThat(rolled.uploads()).extracting(MultipartUpload::key).containsExactly("b", "b");
        assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("a/", "c/");

        ListMultipartUploadsResponse prefixed = s3.listMultipartUploads(b -> b.bucket(bucket).prefix("a/"));
        assertThat(prefixed.uploads()).extracting(MultipartUpload::uploadId).containsExactlyInAnyOrder(a1, a2);

        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        for (int page = 0; page < 10; page++) {
            String km = keyMarker;
            String im = idMarker;
            ListMultipartUploadsResponse r = s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2)
                    .keyMarker(km).uploadIdMarker(im));
            assertThat(r.uploads().size()).isLessThanOrEqualTo(2);
            r.uploads().forEach(u -> seen.add(u.uploadId()));
            if (!r.isTruncated()) {
                break;
            }
            keyMarker = r.nextKeyMarker();
            idMarker = r.nextUploadIdMarker();
        }
        assertThat(seen).hasSize(5).contains(a1, a2, b1, b2).doesNotHaveDuplicates();
    }

    @Test
    void staleUploads_areRemovedByTheCleanupJob() throws Exception {
        String bucket = newBucket();
        String id = create(bucket, "old");
        upload(bucket, "old", id, 1, random(100, 12));
        assertThat(cleanup.removeStale(Instant.now())).isZero();
        assertThat(s3.listParts(b -> b.bucket(bucket).key("old").uploadId(id)).parts()).hasSize(1);

        Instant later = Instant.now().plus(config.multipart().staleAfter()).plusSeconds(60);
        assertThat(cleanup.removeStale(later)).isGreaterThanOrEqualTo(1);
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("old").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThat(filesUnder(uploadsDir(bucket))).isEmpty();
    }

    @Test
    void deleteBucket_withUploadInProgress_removesTheUploads() {
        String bucket = newBucket();
        String id = create(bucket, "k");
        upload(bucket, "k", id, 1, random(100, 13));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertThat(Files.exists(Path.of(config.dataDir(), "buckets", bucket))).isFalse();
    }

    @Test
    void uploadPartCopy_rangeOfAnObject_becomesThePart() {
        String bucket = newBucket();
        byte[] source = random(6 * MIB, 14);
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromBytes(source));
        String id = create(bucket, "dst");
        String e1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst").uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)))
                .copyPartResult().eTag();
        String e2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("dst").uploadId(id).partNumber(2).copySourceRange("bytes=" + 5 * MIB + "-"
                        + (6 * MIB - 1))).copyPartResult().eTag();
        complete(bucket, "dst", id, CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asByteArray()).isEqualTo(source);
        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst").uploadId(create(bucket, "dst")).partNumber(1)
                .copySourceRange("bytes=0-" + 6 * MIB))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }

    private Path uploadsDir(String bucket) {
        return Path.of(config.dataDir(), "buckets", bucket, "uploads");
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void completeMultipartUpload_overwritingAnObject_isCountedOnceInStorageAccounting() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromBytes(new byte[100]));
        s3.putObject(b -> b.bucket(bucket).key("other"), RequestBody.fromBytes(new byte[7]));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("doc")).uploadId();
        byte[] first = random(5 * MIB, 11);
        byte[] last = random(1000, 12);
        String etag1 = s3.uploadPart(b -> b.bucket(bucket).key("doc").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket(bucket).key("doc").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(last)).eTag();
        // staged parts are not stored objects yet
        assertThat(storageLedger.of(store.bucket(bucket)).current()).isEqualTo(107);

        s3.completeMultipartUpload(b -> b.bucket(bucket).key("doc").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag1), p -> p.partNumber(2).eTag(etag2))));

        var afterCompletion = storageLedger.of(store.bucket(bucket));
        assertThat(afterCompletion.current()).isEqualTo(5L * MIB + 1000 + 7);
        assertThat(afterCompletion.objects()).isEqualTo(2);
        s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        var afterDelete = storageLedger.of(store.bucket(bucket));
        assertThat(afterDelete.current()).isEqualTo(7);
        assertThat(afterDelete.objects()).isEqualTo(1);
    }
}
