package dev.stowage.auth;

import static dev.stowage.auth.TestRequests.assertS3Error;
import static dev.stowage.auth.TestRequests.authenticator;
import static dev.stowage.auth.TestRequests.readBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.error.S3ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed by the real AWS SDK for Java v2 signer, configured as its S3 client configures it (no double
 * URL-encoding, no path normalisation), verified end to end: header, presigned, and aws-chunked with trailers.
 */
class AwsSdkSignerRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    private static final AwsCredentialsIdentity IDENTITY =
            AwsCredentialsIdentity.create(TestRequests.ACCESS_KEY, TestRequests.SECRET);

    private final RequestAuthenticator authenticator = authenticator(NOW);

    private static SignedRequest sign(SdkHttpRequest request, byte[] payload, boolean chunked, boolean signedPayload,
            ChecksumAlgorithm checksum, AwsV4FamilyHttpSigner.AuthLocation location) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(IDENTITY)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-central-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (payload != null) {
                r.payload(ContentStreamProvider.fromByteArray(payload));
            }
            if (checksum != null) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, checksum);
            }
            if (location != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, location);
                r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10));
            }
        });
    }

    /** The SDK's signed request as it would arrive: path style, raw path and query as on the wire. */
    private static RequestHead head(SignedRequest signed, String bucket, String key) {
        SdkHttpRequest r = signed.request();
        URI uri = r.getUri();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.forEachHeader((name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                n -> new ArrayList<>()).addAll(values));
        headers.putIfAbsent("host", List.of(r.host() + (r.port() == 80 ? "" : ":" + r.port())));
        return new RequestHead(r.method().name(), uri.getRawPath(), uri.getRawQuery(), List.of(), headers, bucket,
                key, false, "sdk");
    }

    private static byte[] payload(SignedRequest signed) {
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SdkHttpRequest put(String encodedPath, int length) {
        return put("http", encodedPath, length);
    }

    /** Over http the SDK always signs the payload; over https it may leave chunks unsigned. */
    private static SdkHttpRequest put(String protocol, String encodedPath, int length) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol(protocol).host("localhost").port(9000)
                .encodedPath(encodedPath)
                .putHeader("Content-Length", Integer.toString(length))
                .putHeader("Content-Type", "application/octet-stream")
                .build();
    }

    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(42).nextBytes(data);
        return data;
    }

    @Test
    void listObjects_sdkSignedWithAwkwardQueryValues_verifies() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("localhost").port(9000).encodedPath("/bucket")
                .putRawQueryParameter("list-type", "2")
                .putRawQueryParameter("prefix", "dir a/ü+b*~")
                .putRawQueryParameter("delimiter", "/")
                .putHeader("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .build();
        SignedRequest signed = sign(request, null, false, true, null, null);

        VerifiedRequest verified = authenticator.authenticate(head(signed, "bucket", null));

        assertEquals("u-example", verified.principal().userId());
    }

    @Test
    void putObject_sdkSignedNonAsciiMetadata_verifiesAsTheUtf8BytesOnTheWire() {
        SdkHttpRequest request = put("/bucket/key", 0).toBuilder()
                .putHeader("x-amz-meta-note", "Hello World\u00e9 Gr\u00fc\u00dfe \u2603")
                .build();
        SignedRequest signed = sign(request, new byte[0], false, true, null, null);
        RequestHead sent = head(signed, "bucket", "key");
        // HTTP hands header values over one character per byte: the UTF-8 bytes, read as ISO-8859-1
        Map<String, List<String>> asReceived = new LinkedHashMap<>(sent.headers());
        String note = sent.header("x-amz-meta-note");
        asReceived.put("x-amz-meta-note",
                List.of(new String(note.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        RequestHead head = new RequestHead("PUT", sent.rawPath(), sent.rawQuery(), List.of(), asReceived, "bucket",
                "key", false, "sdk");

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals("u-example", verified.principal().userId());
    }

    @Test
    void putObject_sdkSignedPayloadWithSpecialKey_verifiesAndChecksTheBody() {
        byte[] data = "hello, stowage".getBytes(StandardCharsets.UTF_8);
        String encodedKey = "dir/a%20b%2Bc%3D%C3%BC%21%27%28%29%2A.txt";
        SignedRequest signed = sign(put("/bucket/" + encodedKey, data.length), data, false, true, null, null);
        RequestHead head = head(signed, "bucket", "dir/a b+c=ü!'()*.txt");

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.SIGNED_SHA256, verified.payloadMode());
        assertArrayEquals(data, readBody(verified, head, data));
        assertS3Error(S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH,
                () -> readBody(verified, head, "hello, stowagE".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void putObject_sdkSignedChunksWithCrc32Trailer_decodesAndVerifies() {
        byte[] data = randomBytes(300_000);
        SignedRequest signed = sign(put("/bucket/big.bin", data.length), data, true, true,
                DefaultChecksumAlgorithm.CRC32, null);
        RequestHead head = head(signed, "bucket", "big.bin");
        byte[] body = payload(signed);

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, verified.payloadMode());
        assertEquals(dev.stowage.auth.ChecksumAlgorithm.CRC32, verified.trailerChecksum());
        assertEquals(data.length, verified.decodedContentLength(head));
        assertArrayEquals(data, readBody(verified, head, body));

        body[body.length / 2] ^= 1;
        assertS3Error(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH, () -> readBody(verified, head, body));
    }

    @Test
    void putObject_sdkUnsignedChunksWithCrc32cTrailer_decodesAndVerifies() {
        byte[] data = randomBytes(200_001);
        SignedRequest signed = sign(put("https", "/bucket/big.bin", data.length), data, true, false,
                DefaultChecksumAlgorithm.CRC32C, null);
        RequestHead head = head(signed, "bucket", "big.bin");
        byte[] body = payload(signed);

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, verified.payloadMode());
        assertArrayEquals(data, readBody(verified, head, body));

        int inData = 100;
        body[inData] ^= 1;
        assertS3Error(S3ErrorCode.BAD_DIGEST, () -> readBody(verified, head, body));
    }

    @Test
    void putObject_sdkSignedChunksWithoutTrailer_decodesAndVerifies() {
        byte[] data = randomBytes(140_000);
        SignedRequest signed = sign(put("/bucket/k", data.length), data, true, true, null, null);
        RequestHead head = head(signed, "bucket", "k");

        VerifiedRequest verified = authenticator.authenticate(head);

        assertEquals(PayloadMode.STREAMING_SIGNED, verified.payloadMode());
        assertArrayEquals(data, readBody(verified, head, payload(signed)));
    }

    @Test
    void getObject_sdkPresignedUrl_verifiesUntilItExpires() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("localhost").port(9000).encodedPath("/bucket/some%20key.txt")
                .putRawQueryParameter("response-content-disposition", "attachment; filename=\"a b.txt\"")
                .build();
        SignedRequest signed = sign(request, null, false, false, null,
                AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
        RequestHead head = head(signed, "bucket", "some key.txt");

        assertEquals("u-example", authenticator.authenticate(head).principal().userId());
        assertS3Error(S3ErrorCode.ACCESS_DENIED, () -> authenticator(NOW.plusSeconds(601)).authenticate(head));
    }
}
