package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects (v1) and ListObjectsV2: order, prefixes, delimiters, paging, url encoding. */
@QuarkusTest
class ListObjectsIT extends S3TestSupport {

    private String bucketWith(String... keys) {
        String bucket = newBucket();
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        return bucket;
    }

    private static List<String> utf8Sorted(String... keys) {
        List<String> sorted = new ArrayList<>(Arrays.asList(keys));
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return sorted;
    }

    @Test
    void listObjectsV2_keys_comeInUtf8BinaryOrder() {
        String[] keys = {"a/b", "a-c", "a0", "a", "A", "é", "z", "\uD83D\uDE00", "ä/x", "a/b/c", "a b", "a+b"};
        String bucket = bucketWith(keys);
        List<String> listed = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertThat(listed).containsExactlyElementsOf(utf8Sorted(keys));
    }

    @Test
    void listObjectsV2_prefixAndDelimiter_rollUpCommonPrefixes() {
        String bucket = bucketWith("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "docs/readme", "root.txt");
        ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix("photos/").delimiter("/"));
        assertThat(r.contents()).extracting(S3Object::key).containsExactly("photos/top.jpg");
        assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/2024/", "photos/2025/");
        assertThat(r.keyCount()).isEqualTo(3);
        ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(root.contents()).extracting(S3Object::key).containsExactly("root.txt");
        assertThat(root.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("docs/", "photos/");
    }

    @Test
    void listObjectsV2_continuationTokens_pageThroughEveryKeyOnce() {
        String[] keys = new String[25];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = String.format("key-%03d", i);
        }
        String bucket = bucketWith(keys);
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(10).continuationToken(t));
            page.contents().forEach(o -> seen.add(o.key()));
            assertThat(page.keyCount()).isEqualTo(page.contents().size());
            token = page.nextContinuationToken();
            assertThat(page.isTruncated()).isEqualTo(token != null);
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(keys);
    }

    @Test
    void listObjectsV2_sameToken_givesSamePage() {
        String bucket = bucketWith("a", "b", "c", "d");
        String token = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(2)).nextContinuationToken();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(2)).nextContinuationToken()).isEqualTo(token);
        var p1 = s3.listObjectsV2(b -> b.bucket(bucket).continuationToken(token));
        var p2 = s3.listObjectsV2(b -> b.bucket(bucket).continuationToken(token));
        assertThat(p1.contents()).extracting(S3Object::key).containsExactly("c", "d");
        assertThat(p2.contents()).extracting(S3Object::key).containsExactly("c", "d");
    }

    @Test
    void listObjectsV2_garbageToken_isInvalidArgument() {
        String bucket = bucketWith("a");
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).continuationToken("%%%garbage")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                });
    }

    @Test
    void listObjectsV2_startAfterAndFetchOwner_areHonoured() {
        String bucket = bucketWith("a", "b", "c");
        var r = s3.listObjectsV2(b -> b.bucket(bucket).startAfter("a").fetchOwner(true));
        assertThat(r.contents()).extracting(S3Object::key).containsExactly("b", "c");
        assertThat(r.startAfter()).isEqualTo("a");
        assertThat(r.contents().get(0).owner().id()).isEqualTo(USER_ID);
        String displayName = s3.getObjectAcl(b -> b.bucket(bucket).key("b")).owner().displayName();
        assertThat(displayName).isNotEqualTo(USER_ID);
        assertThat(r.contents().get(0).owner().displayName()).isEqualTo(displayName);
        var noOwner = s3.listObjectsV2(b -> b.bucket(bucket));
        assertThat(noOwner.contents().get(0).owner()).isNull();
    }

    @Test
    void listObjectsV2_contents_carrySizeEtagAndDate() {
        String bucket = bucketWith("hello");
        S3Object o = s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0);
        assertThat(o.size()).isEqualTo(5);
        assertThat(o.eTag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(o.lastModified()).isNotNull();
        assertThat(o.storageClassAsString()).isEqualTo("STANDARD");
        // the SDK sends a CRC32 with every PutObject: listings name it, as AWS lists an object's checksum
        assertThat(o.checksumAlgorithmAsStrings()).containsExactly("CRC32");
        assertThat(o.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
    }

    @Test
    void listObjects_v1MarkerAndMaxKeys_pageWithNextMarkerWhenDelimited() {
        String bucket = bucketWith("a/1", "a/2", "b", "c/1", "d");
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/");
        assertThat(first.contents()).extracting(S3Object::key).containsExactly("b");
        assertThat(first.nextMarker()).isEqualTo("b");
        ListObjectsResponse second = s3.listObjects(b -> b.bucket(bucket).delimiter("/").marker(first.nextMarker()));
        assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("c/");
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("d");
        assertThat(second.isTruncated()).isFalse();
        ListObjectsResponse flat = s3.listObjects(b -> b.bucket(bucket).marker("b"));
        assertThat(flat.contents()).extracting(S3Object::key).containsExactly("c/1", "d");
        assertThat(flat.contents().get(0).owner().id()).isEqualTo(USER_ID);
        assertThat(flat.contents().get(0).owner().displayName())
                .isEqualTo(s3.getBucketAcl(b -> b.bucket(bucket)).owner().displayName());
    }

    @Test
    void listObjects_encodingTypeUrl_roundTripsAwkwardKeys() {
        String[] keys = {"sp ace", "plus+sign", "pct%41", "ünï/cödé", "tab\tkey"};
        String bucket = bucketWith(keys);
        // The SDK decodes url-encoded keys itself when it asked for encoding-type=url.
        List<String> listed = s3.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(listed).containsExactlyElementsOf(utf8Sorted(keys));
        List<String> v1 = s3.listObjects(b -> b.bucket(bucket).encodingType(EncodingType.URL)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(v1).containsExactlyElementsOf(utf8Sorted(keys));
    }

    @Test
    void listObjects_invalidMaxKeysOrEncoding_isInvalidArgument() {
        String bucket = bucketWith("a");
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(-1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).encodingType("base64")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }

    @Test
    void listObjects_directoryMarkers_areObjectsButNotDuplicatedAsPrefixes() {
        String bucket = bucketWith("dir/", "dir/file");
        var flat = s3.listObjectsV2(b -> b.bucket(bucket));
        assertThat(flat.contents()).extracting(S3Object::key).containsExactly("dir/", "dir/file");
        var delimited = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(delimited.contents()).isEmpty();
        assertThat(delimited.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/");
    }

    @Test
    void listObjects_missingBucket_isNoSuchBucket() {
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-list-bucket")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
