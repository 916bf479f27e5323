package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Crafted requests over raw sockets. Each gets the S3 error it deserves (or a 2xx where the input is in fact
 * valid), in S3 XML, never a 500, never a hang (every read has a deadline), never a file outside the data
 * directory; and after each, the gateway still serves an ordinary SDK request.
 */
@QuarkusTest
class HostileInputIT extends S3TestSupport {
    /** Every name a hostile request could turn into a file carries this, so an escape can be searched for. */
    private static final String MARK = "zqhostile" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    private static final byte[] SMALL = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private Path dataDir;
    private Set<Path> outsideBefore;

    @BeforeEach
    void snapshotOutsideTheDataDirectory() throws IOException {
        dataDir = Path.of(ConfigProvider.getConfig().getValue("stowage.data-dir", String.class)).toAbsolutePath().normalize();
        outsideBefore = walkOutsideDataDir();
    }

    @AfterEach
    void gatewayStillServesAndNothingEscaped() throws IOException {
        assertThat(s3.listBuckets().sdkHttpResponse().statusCode()).as("an ordinary SDK request afterwards").isEqualTo(200);
        Set<Path> created = walkOutsideDataDir();
        created.removeAll(outsideBefore);
        // Other builds may write under target/ meanwhile: only names this test could have produced count.
        assertThat(created.stream().filter(p -> p.toString().contains(MARK)))
                .as("files created outside %s", dataDir).isEmpty();
        for (Path dir = dataDir.getParent(); dir != null; dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                assertThat(entries.filter(p -> p.getFileName().toString().contains(MARK))).as("in %s", dir).isEmpty();
            } catch (java.nio.file.AccessDeniedException e) {
                // not listable: nothing the gateway could have written either
            }
        }
        assertThat(walk(dataDir, dataDir.resolve("buckets")).stream().filter(p -> p.getFileName().toString().contains(MARK)))
                .as("hostile names stored outside the bucket tree").isEmpty();
    }

    private Set<Path> walkOutsideDataDir() throws IOException {
        return walk(dataDir.getParent(), dataDir);
    }

    /** Every path under {@code root} but {@code skipped}'s subtree; tolerant of files vanishing meanwhile. */
    private static Set<Path> walk(Path root, Path skipped) throws IOException {
        Set<Path> paths = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(skipped)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                paths.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // concurrent builds delete files under target/
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return paths;
    }

    // ---- helpers ----

    private String host() {
        return endpointUrl.getHost() + ":" + endpointUrl.getPort();
    }

    private RawHttp.Response send(RawHttp.Request request) throws IOException {
        return RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(), request);
    }

    /** V2-signed, the canonical resource being the raw path as sent. */
    private RawHttp.Response signed(String method, String target) throws IOException {
        return send(TestSignatures.v2Request(method, target, host()));
    }

    private RawHttp.Request signedPut(String target, byte[] body, String contentMd5) {
        String date = TestSignatures.rfc1123(Instant.now());
        int q = target.indexOf('?');
        String resource = q < 0 ? target : target.substring(0, q);
        RawHttp.Request request = new RawHttp.Request("PUT", target).header("Host", host()).header("Date", date);
        if (contentMd5 != null) {
            request.header("Content-MD5", contentMd5);
        }
        return request.header("Authorization", TestSignatures.sigV2Authorization(ACCESS_KEY, SECRET_KEY, "PUT",
                contentMd5, null, date, resource)).body(body);
    }

    /** An S3 error: the status, XML with that Code, Message, Resource, RequestId equal to x-amz-request-id. */
    private static RawHttp.Response assertS3Error(RawHttp.Response r, int status, String code) {
        assertThat(r.closedWithoutResponse()).as("the gateway answered").isFalse();
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as("content type of %s", r).startsWith("application/xml");
        assertThat(r.xml("Code")).as("code of %s", r).isEqualTo(code);
        assertThat(r.xml("Message")).isNotBlank();
        assertThat(r.xml("RequestId")).isNotBlank().isEqualTo(r.header("x-amz-request-id"));
        return r;
    }

    private void assertNotStored(String bucket, String key) {
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                .as("object %s must not be stored", key)
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private void assertNoBucket(String bucket) {
        assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
    }

    private static String md5(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    }

    // ---- keys in the path ----

    @Test
    void putObject_dotDotKeysRawOrEncoded_areStoredAsKeysInsideTheBucket() throws IOException {
        String bucket = newBucket();
        List<String> targets = List.of(
                "/" + bucket + "/../../" + MARK + "-raw",
                "/" + bucket + "/%2e%2e/%2e%2e/" + MARK + "-encoded",
                "/" + bucket + "/" + "../".repeat(12) + MARK + "-deep",
                "/" + bucket + "/..%2f..%2f" + MARK + "-slash");
        List<String> keys = List.of("../../" + MARK + "-raw", "../../" + MARK + "-encoded",
                "../".repeat(12) + MARK + "-deep", "../../" + MARK + "-slash");

        for (String target : targets) {
            RawHttp.Response put = send(signedPut(target, target.getBytes(StandardCharsets.UTF_8), null));
            assertThat(put.status()).as("PUT %s: %s", target, put).isEqualTo(200);
            RawHttp.Response get = signed("GET", target);
            assertThat(get.status()).as("GET %s: %s", target, get).isEqualTo(200);
            assertThat(get.text()).isEqualTo(target);
        }

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void getObject_dotDotKeyNeverStored_isNoSuchKey() throws IOException {
        String bucket = newBucket();

        RawHttp.Response response = signed("GET", "/" + bucket + "/../../../../etc/passwd");

        assertS3Error(response, 404, "NoSuchKey");
        assertThat(response.text()).doesNotContain("root:");
    }

    @Test
    void putObject_nulByteInKey_roundTripsByteExact() throws IOException {
        String bucket = newBucket();
        String target = "/" + bucket + "/nul%00" + MARK;

        RawHttp.Response put = send(signedPut(target, SMALL, null));
        RawHttp.Response get = signed("GET", target);

        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(get.status()).as("%s", get).isEqualTo(200);
        assertThat(get.body()).isEqualTo(SMALL);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).encodingType("url")).contents()).extracting(S3Object::key)
                .containsExactly("nul\u0000" + MARK);
    }

    @Test
    void getObject_crlfInKey_cannotInjectResponseHeaders() throws IOException {
        String bucket = newBucket();
        String target = "/" + bucket + "/x%0d%0aX-Injected:%20yes%0d%0a%0d%0a" + MARK;

        RawHttp.Response missing = signed("GET", target);
        RawHttp.Response put = send(signedPut(target, SMALL, null));
        RawHttp.Response got = signed("GET", target);

        assertS3Error(missing, 404, "NoSuchKey");
        assertThat(missing.header("X-Injected")).isNull();
        assertThat(missing.xml("Key")).contains("X-Injected: yes");
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("X-Injected")).isNull();
        assertThat(got.body()).isEqualTo(SMALL);
    }

    @Test
    void getObject_invalidUtf8Key_isInvalidUri() throws IOException {
        String bucket = newBucket();

        assertS3Error(signed("GET", "/" + bucket + "/%ff%fe"), 400, "InvalidURI");
        assertS3Error(signed("PUT", "/" + bucket + "/bad%c3%28" + MARK), 400, "InvalidURI");
    }

    @Test
    void getObject_malformedPercentEncoding_isInvalidUriInS3Xml() throws IOException {
        String bucket = newBucket();
        List<String> answers = new ArrayList<>();
        for (String input : List.of("a%zzb", "trailing%", "short%4", "%g0", "?prefix=%zz")) {
            RawHttp.Response r = signed("GET", "/" + bucket + (input.startsWith("?") ? "" : "/") + input);
            boolean xml = r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/xml");
            answers.add(input + " -> " + r.status() + " " + (xml ? r.xml("Code") : "<no S3 XML>") + " request-id:"
                    + (r.header("x-amz-request-id") != null));
        }

        assertThat(answers).containsExactly(
                "a%zzb -> 400 InvalidURI request-id:true",
                "trailing% -> 400 InvalidURI request-id:true",
                "short%4 -> 400 InvalidURI request-id:true",
                "%g0 -> 400 InvalidURI request-id:true",
                "?prefix=%zz -> 400 InvalidURI request-id:true");
    }

    @Test
    void getObject_keyOf1025Bytes_isKeyTooLongError() throws IOException {
        String bucket = newBucket();

        RawHttp.Response tooLong = signed("GET", "/" + bucket + "/" + "k".repeat(1025));
        RawHttp.Response longest = signed("GET", "/" + bucket + "/" + "k".repeat(1024));
        RawHttp.Response tooLongPut = send(signedPut("/" + bucket + "/" + MARK + "k".repeat(1025 - MARK.length()), SMALL, null));

        assertS3Error(tooLong, 400, "KeyTooLongError");
        assertS3Error(longest, 404, "NoSuchKey");
        assertS3Error(tooLongPut, 400, "KeyTooLongError");
    }

    @Test
    void getObject_keyOf1025BytesInTwoByteCharacters_isKeyTooLongError() throws IOException {
        String bucket = newBucket();

        // 512 "é" (1,024 UTF-8 bytes) and one more ASCII byte: 513 characters, 1,025 bytes.
        RawHttp.Response response = signed("GET", "/" + bucket + "/" + "%C3%A9".repeat(512) + "x");

        assertS3Error(response, 400, "KeyTooLongError");
    }

    @Test
    void slashOnlyPaths_answerInS3XmlAndCreateNothing() throws IOException {
        for (String target : List.of("//", "///", "//" + MARK, "///" + MARK)) {
            for (String method : List.of("GET", "PUT", "DELETE", "HEAD")) {
                RawHttp.Response r = method.equals("PUT") ? send(signedPut(target, SMALL, null)) : signed(method, target);
                assertThat(r.closedWithoutResponse()).as("%s %s", method, target).isFalse();
                assertThat(r.status()).as("%s %s: %s", method, target, r).isNotEqualTo(500).isNotIn(201, 204);
                assertThat(r.header("x-amz-request-id")).as("%s %s: %s", method, target, r).isNotBlank();
                if (method.equals("PUT") || method.equals("DELETE")) {
                    assertThat(r.status()).as("%s %s changes nothing: %s", method, target, r).isBetween(400, 499);
                }
                if (r.status() >= 400 && !method.equals("HEAD")) {
                    assertThat(r.xml("Code")).as("%s %s: %s", method, target, r).isNotBlank();
                    assertThat(r.xml("RequestId")).isEqualTo(r.header("x-amz-request-id"));
                }
                if (r.status() == 200 && method.equals("GET")) {
                    assertThat(r.document().getDocumentElement().getTagName()).isEqualTo("ListAllMyBucketsResult");
                }
            }
        }
        assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().isEmpty() || b.name().contains(MARK));
    }

    // ---- bucket names ----

    @Test
    void createBucket_invalidNames_areInvalidBucketName() throws IOException {
        for (String target : List.of("/..", "/A_B", "/a", "/" + "b".repeat(64), "/%2e%2e", "/" + MARK + "..x",
                "/" + MARK.toUpperCase(), "/" + MARK + "_x", "/-" + MARK)) {
            RawHttp.Response r = send(signedPut(target, new byte[0], null));
            assertS3Error(r, 400, "InvalidBucketName");
        }
        assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().toLowerCase().contains(MARK) || b.name().contains(".."));
    }

    @Test
    void putObject_intoDotDotBucket_isInvalidBucketName() throws IOException {
        assertS3Error(send(signedPut("/../" + MARK, SMALL, null)), 400, "InvalidBucketName");
        assertS3Error(send(signedPut("/%2e%2e/" + MARK, SMALL, null)), 400, "InvalidBucketName");
        assertS3Error(signed("GET", "/%2e%2e/%2e%2e/etc/passwd"), 400, "InvalidBucketName");
    }

    // ---- Range ----

    @Test
    void getObject_unparseableRanges_serveTheWholeObject() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(SMALL));

        for (String range : List.of("bytes=abc", "bytes=5-2", "bytes=", "lines=1-2", "bytes=1-2,4-5")) {
            RawHttp.Response r = send(TestSignatures.v2Request("GET", "/" + bucket + "/obj", host(), "/" + bucket + "/obj",
                    Instant.now()).header("Range", range));
            assertThat(r.status()).as("Range: %s -> %s", range, r).isEqualTo(200);
            assertThat(r.body()).as("Range: %s", range).isEqualTo(SMALL);
        }
    }

    @Test
    void getObject_rangeStartingBeyondTheEnd_isInvalidRange416() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(SMALL));

        RawHttp.Response r = send(TestSignatures.v2Request("GET", "/" + bucket + "/obj", host(), "/" + bucket + "/obj",
                Instant.now()).header("Range", "bytes=999999-"));

        assertS3Error(r, 416, "InvalidRange");
        assertThat(r.xml("RangeRequested")).isEqualTo("bytes=999999-");
        assertThat(r.header("Content-Range")).isEqualTo("bytes */" + SMALL.length);
    }

    // ---- Content-MD5 ----

    @Test
    void putObject_malformedContentMd5_isInvalidDigestAndNothingStored() throws Exception {
        String bucket = newBucket();
        String notBase64 = "not base64!!";
        String threeBytes = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

        assertS3Error(send(signedPut("/" + bucket + "/md5-a", SMALL, notBase64)), 400, "InvalidDigest");
        assertS3Error(send(signedPut("/" + bucket + "/md5-b", SMALL, threeBytes)), 400, "InvalidDigest");

        assertNotStored(bucket, "md5-a");
        assertNotStored(bucket, "md5-b");
    }

    @Test
    void putObject_contentMd5OfOtherBytes_isBadDigestAndNothingStored() throws Exception {
        String bucket = newBucket();

        RawHttp.Response r = send(signedPut("/" + bucket + "/md5-c", SMALL, md5("other".getBytes(StandardCharsets.UTF_8))));
        RawHttp.Response ok = send(signedPut("/" + bucket + "/md5-d", SMALL, md5(SMALL)));

        assertS3Error(r, 400, "BadDigest");
        assertNotStored(bucket, "md5-c");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("md5-d")).asByteArray()).isEqualTo(SMALL);
    }

    // ---- CreateBucket XML ----

    @Test
    void createBucket_unclosedXml_isMalformedXmlAndNoBucket() throws IOException {
        String bucket = MARK + "-unclosed";
        byte[] xml = "<CreateBucketConfiguration><LocationConstraint>us-east-1".getBytes(StandardCharsets.UTF_8);

        assertS3Error(send(signedPut("/" + bucket, xml, null)), 400, "MalformedXML");

        assertNoBucket(bucket);
    }

    @Test
    void createBucket_externalEntity_isMalformedXmlWithoutFileContent() throws IOException {
        String bucket = MARK + "-xxe";
        byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<CreateBucketConfiguration><LocationConstraint>&e;</LocationConstraint></CreateBucketConfiguration>")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Response r = send(signedPut("/" + bucket, xml, null));

        assertS3Error(r, 400, "MalformedXML");
        assertThat(r.text()).doesNotContain("root:").doesNotContain("/bin/");
        assertNoBucket(bucket);
    }

    @Test
    void createBucket_entityExpansionBomb_isMalformedXmlPromptly() throws IOException {
        String bucket = MARK + "-bomb";
        StringBuilder dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY a0 \"lollollollollollollollollollol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        byte[] xml = (dtd + "<CreateBucketConfiguration><LocationConstraint>&a10;</LocationConstraint>"
                + "</CreateBucketConfiguration>").getBytes(StandardCharsets.UTF_8);

        assertS3Error(send(signedPut("/" + bucket, xml, null)), 400, "MalformedXML");

        assertNoBucket(bucket);
    }

    // ---- aws-chunked, signed with SigV4 ----

    private TestSignatures.StreamingPut streamingPut(String bucket, String key, List<byte[]> chunks) {
        return new TestSignatures.StreamingPut(host(), "/" + bucket + "/" + key, chunks, Instant.now());
    }

    private RawHttp.Response sendStreaming(TestSignatures.StreamingPut put, byte[] body, boolean halfClose) throws IOException {
        return RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(), put.head(), body, halfClose);
    }

    private static List<byte[]> chunks(int... sizes) {
        List<byte[]> chunks = new ArrayList<>();
        byte b = 'A';
        for (int size : sizes) {
            byte[] c = new byte[size];
            java.util.Arrays.fill(c, b++);
            chunks.add(c);
        }
        return chunks;
    }

    private static byte[] concat(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void putObject_signedChunksOfOurOwnSigner_roundTrip() throws IOException {
        String bucket = newBucket();
        List<byte[]> chunks = chunks(65536, 65536, 1000);
        TestSignatures.StreamingPut put = streamingPut(bucket, "chunked", chunks);

        RawHttp.Response r = sendStreaming(put, put.body(), false);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("chunked")).asByteArray()).isEqualTo(concat(chunks));
    }

    @Test
    void putObject_forgedChunkSignature_isSignatureDoesNotMatchAndNothingStored() throws IOException {
        String bucket = newBucket();
        List<byte[]> chunks = chunks(65536, 65536, 1000);
        TestSignatures.StreamingPut put = streamingPut(bucket, "forged", chunks);

        RawHttp.Response r = sendStreaming(put, put.body(1), false);

        assertS3Error(r, 403, "SignatureDoesNotMatch");
        assertNotStored(bucket, "forged");
    }

    @Test
    void putObject_forgedFinalChunkSignature_isSignatureDoesNotMatchAndNothingStored() throws IOException {
        String bucket = newBucket();
        List<byte[]> chunks = chunks(8192, 100);
        TestSignatures.StreamingPut put = streamingPut(bucket, "forged-final", chunks);

        RawHttp.Response r = sendStreaming(put, put.body(chunks.size()), false);

        assertS3Error(r, 403, "SignatureDoesNotMatch");
        assertNotStored(bucket, "forged-final");
    }

    @Test
    void putObject_chunkedBodyTruncatedThenHalfClosed_isIncompleteBodyOrClosedAndNothingStored() throws IOException {
        String bucket = newBucket();
        List<byte[]> chunks = chunks(65536, 65536, 1000);
        TestSignatures.StreamingPut put = streamingPut(bucket, "truncated", chunks);
        byte[] body = put.body();
        byte[] half = java.util.Arrays.copyOf(body, body.length / 2);

        RawHttp.Response r = sendStreaming(put, half, true);

        if (!r.closedWithoutResponse()) {
            assertS3Error(r, 400, "IncompleteBody");
        }
        assertNotStored(bucket, "truncated");
    }

    @Test
    void putObject_plainBodyTruncatedThenHalfClosed_isIncompleteBodyOrClosedAndNothingStored() throws IOException {
        String bucket = newBucket();
        RawHttp.Request put = signedPut("/" + bucket + "/short", new byte[0], null).header("Content-Length", "1000");

        RawHttp.Response r = RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(), put.head(), new byte[500], true);

        if (!r.closedWithoutResponse()) {
            assertS3Error(r, 400, "IncompleteBody");
        }
        assertNotStored(bucket, "short");
    }

    @Test
    void putObject_chunkSizeFieldOf18HexDigits_is4xxAndNothingStored() throws IOException {
        String bucket = newBucket();
        byte[] body = ("ffffffffffffffffff;chunk-signature=" + "0".repeat(64) + "\r\n" + "x".repeat(100) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        TestSignatures.StreamingPut put = new TestSignatures.StreamingPut(host(), "/" + bucket + "/huge", List.of(),
                Instant.now(), body.length, 100);

        RawHttp.Response r = sendStreaming(put, body, false);

        assertThat(r.closedWithoutResponse()).isFalse();
        assertThat(r.status()).as("%s", r).isBetween(400, 499);
        assertThat(r.xml("Code")).isIn("InvalidRequest", "IncompleteBody", "InvalidArgument", "SignatureDoesNotMatch");
        assertNotStored(bucket, "huge");
    }

    @Test
    void putObject_chunkHeaderLineOf10000Bytes_is4xxAndNothingStored() throws IOException {
        String bucket = newBucket();
        byte[] body = ("64;chunk-signature=" + "0".repeat(10_000 - 19) + "\r\n" + "x".repeat(100) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        TestSignatures.StreamingPut put = new TestSignatures.StreamingPut(host(), "/" + bucket + "/longline", List.of(),
                Instant.now(), body.length, 100);

        RawHttp.Response r = sendStreaming(put, body, false);

        assertThat(r.closedWithoutResponse()).isFalse();
        assertThat(r.status()).as("%s", r).isBetween(400, 499);
        assertThat(r.xml("Code")).isIn("InvalidRequest", "IncompleteBody", "InvalidArgument", "SignatureDoesNotMatch");
        assertNotStored(bucket, "longline");
    }

    // ---- plain HTTP chunked transfer without Content-Length ----

    @Test
    void putObject_transferEncodingChunkedWithoutContentLength_isStoredOrMissingContentLength() throws IOException {
        String bucket = newBucket();
        byte[] framed = ("a\r\n0123456789\r\n" + "a\r\nabcdefghij\r\n" + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Request put = signedPut("/" + bucket + "/te-chunked", framed, null).header("Transfer-Encoding", "chunked");

        RawHttp.Response r = send(put);

        assertThat(r.closedWithoutResponse()).isFalse();
        if (r.status() == 200) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("te-chunked")).asByteArray()).isEqualTo(SMALL);
        } else {
            assertS3Error(r, 411, "MissingContentLength");
            assertNotStored(bucket, "te-chunked");
        }
    }

    // ---- the connection after an early refusal ----

    @Test
    void keepAliveConnection_afterBodiesRefusedBeforeReading_servesTheNextRequest() throws IOException {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(SMALL));
        int keptAlive = 0;
        for (int size : new int[] {10, 1000, 20_000, 100_000, 500_000}) {
            try (RawHttp.Connection connection = new RawHttp.Connection(endpointUrl.getHost(), endpointUrl.getPort())) {
                String date = TestSignatures.rfc1123(Instant.now());
                RawHttp.Request refused = new RawHttp.Request("PUT", "/" + bucket + "/refused")
                        .header("Host", host())
                        .header("Date", date)
                        .header("Authorization", TestSignatures.sigV2Authorization(ACCESS_KEY, "wrong", "PUT", null, null,
                                date, "/" + bucket + "/refused"))
                        .body(new byte[size]);

                RawHttp.Response first = connection.send(refused);
                assertS3Error(first, 403, "SignatureDoesNotMatch");
                if ("close".equalsIgnoreCase(first.header("Connection"))) {
                    continue;
                }
                RawHttp.Response second = connection.send(TestSignatures.v2Request("GET", "/" + bucket + "/obj", host()));
                assertThat(second.status()).as("the next request on the connection after a %d-byte refused body: %s",
                        size, second).isEqualTo(200);
                assertThat(second.body()).isEqualTo(SMALL);
                keptAlive++;
            }
        }
        assertThat(keptAlive).as("connections kept alive after a refusal (bodies under 1 MiB are drained)").isPositive();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("refused"))).isInstanceOf(NoSuchKeyException.class);
    }
}
