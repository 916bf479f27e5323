package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Any valid S3 key round-trips byte-exact and never reaches outside the bucket. */
@QuarkusTest
class ObjectKeysIT extends S3TestSupport {
    static final List<String> AWKWARD_KEYS = List.of(
            "plain", "with space", "plus+sign", "percent%20literal", "percent%", "..", ".", "./x", "../x", "a/../../b",
            "a//b", "//lead", "trailing/", "a", "a/b", "a/b/c", "unicode-ünïcødé-日本語-\uD83D\uDE00", "hash#o",
            "q?mark", "amp&and=eq", "semi;colon", "tilde~", "back\\slash", "\u0001control", "crlf\r\nkey",
            "%2e%2e/%2e%2e/escape", "x".repeat(1024), "é".repeat(512));

    @Test
    void putObject_awkwardKeys_roundTripByteExact() {
        String bucket = newBucket();
        for (String key : AWKWARD_KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("value of " + key));
        }
        for (String key : AWKWARD_KEYS) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).as(key).isEqualTo("value of " + key);
        }
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket).encodingType("url")).contents().stream()
                .map(S3Object::key).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(AWKWARD_KEYS);
    }

    @Test
    void putObject_traversalKeys_stayInsideTheDataDirectory() throws IOException {
        String bucket = newBucket();
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("stowage.data-dir", String.class)).toAbsolutePath();
        Path outside = dataDir.getParent();
        List<Path> before;
        try (Stream<Path> s = Files.list(outside)) {
            before = s.toList();
        }
        for (String key : List.of("../../escape", "../escape", "a/../../../escape", "..%2F..%2Fescape", "/../escape")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("x");
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.toList()).containsExactlyInAnyOrderElementsOf(before);
        }
        try (Stream<Path> s = Files.walk(dataDir)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("escape") && !p.startsWith(dataDir.resolve("buckets"))))
                    .isEmpty();
        }
    }

    @Test
    void keyAndKeyWithSlash_coexistAsSeparateObjects() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("file a"));
        s3.putObject(b -> b.bucket(bucket).key("a/b"), RequestBody.fromString("file a/b"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a")).asUtf8String()).isEqualTo("file a");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/b")).asUtf8String()).isEqualTo("file a/b");
        s3.deleteObject(b -> b.bucket(bucket).key("a"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/b")).asUtf8String()).isEqualTo("file a/b");
    }
}
