package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.ObjectVersionStorageClass;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * ListObjectVersions on buckets that are never versioned: every object is its one version, {@code null}, the
 * latest; markers, delimiter, encoding-type and max-keys as AWS answers them; the version id {@code null} on
 * object requests and any other refused.
 */
@QuarkusTest
class ListObjectVersionsIT extends S3TestSupport {
    private static final int MAX_PAGES = 50;

    @Inject
    Accounts accounts;

    /** A bucket holding each key with the key as its body; returns the ETags by key. */
    private Map<String, String> fill(String bucket, String... keys) {
        Map<String, String> etags = new TreeMap<>();
        for (String key : keys) {
            etags.put(key, s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key)).eTag());
        }
        return etags;
    }

    private static void assertInvalidArgument(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        });
    }

    /** A V2-signed GET of {@code path?query}; {@code subresource} is what of the query V2 signs ("versions"). */
    private RawHttp.Response signedGet(String path, String subresource, String query) throws IOException {
        String host = endpoint().getHost() + ":" + endpoint().getPort();
        String target = path + "?" + subresource + (query.isEmpty() ? "" : "&" + query);
        RawHttp.Request request = TestSignatures.v2Request("GET", target, host, path + "?" + subresource, Instant.now());
        return RawHttp.send(endpoint().getHost(), endpoint().getPort(), request);
    }

    private static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                names.add(children.item(i).getNodeName());
            }
        }
        return names;
    }

    @Test
    void listObjectVersions_plainBucket_listsEveryObjectAsItsNullLatestVersion() {
        String bucket = newBucket();
        Map<String, String> etags = fill(bucket, "top.txt", "dir/a.txt", "dir/sub/b.txt", "zeta");
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(r.isTruncated()).isFalse();
        assertThat(r.name()).isEqualTo(bucket);
        assertThat(r.maxKeys()).isEqualTo(1000);
        assertThat(r.deleteMarkers()).isEmpty();
        assertThat(r.versions()).extracting(ObjectVersion::key).containsExactlyElementsOf(etags.keySet());
        for (ObjectVersion v : r.versions()) {
            assertThat(v.versionId()).isEqualTo("null");
            assertThat(v.isLatest()).isTrue();
            assertThat(v.eTag()).isEqualTo(etags.get(v.key()));
            assertThat(v.size()).isEqualTo(v.key().length());
            assertThat(v.storageClass()).isEqualTo(ObjectVersionStorageClass.STANDARD);
            assertThat(v.owner().id()).isEqualTo(USER_ID);
            assertThat(v.lastModified()).isNotNull();
        }
    }

    @Test
    void listObjectVersions_prefixAndDelimiter_rollUpCommonPrefixes() {
        String bucket = newBucket();
        fill(bucket, "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg", "root.txt");
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).prefix("photos/").delimiter("/"));
        assertThat(r.prefix()).isEqualTo("photos/");
        assertThat(r.delimiter()).isEqualTo("/");
        assertThat(r.versions()).extracting(ObjectVersion::key).containsExactly("photos/top.jpg");
        assertThat(r.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/2024/", "photos/2025/");
        ListObjectVersionsResponse root = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertThat(root.versions()).extracting(ObjectVersion::key).containsExactly("root.txt");
        assertThat(root.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/");
    }

    @Test
    void listObjectVersions_keyMarkers_pageThroughEveryVersionOnce() {
        String bucket = newBucket();
        Map<String, String> etags = fill(bucket, "a", "b/1", "b/2", "c", "d/e/f", "g", "h");
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionIdMarker = null;
        int pages = 0;
        boolean truncated = true;
        while (truncated && pages < MAX_PAGES) {
            String km = keyMarker;
            String vm = versionIdMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(2).keyMarker(km)
                    .versionIdMarker(vm));
            pages++;
            assertThat(page.versions()).hasSizeLessThanOrEqualTo(2);
            page.versions().forEach(v -> seen.add(v.key()));
            truncated = page.isTruncated();
            if (truncated) {
                assertThat(page.nextKeyMarker()).isEqualTo(page.versions().getLast().key());
                assertThat(page.nextVersionIdMarker()).isEqualTo("null");
            }
            keyMarker = page.nextKeyMarker();
            versionIdMarker = page.nextVersionIdMarker();
        }
        assertThat(truncated).isFalse();
        assertThat(seen).containsExactlyElementsOf(etags.keySet());
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void listObjectVersions_delimiterPages_endingAtACommonPrefix_continueAfterIt() {
        String bucket = newBucket();
        fill(bucket, "a", "b/1", "b/2", "c/1", "d");
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionIdMarker = null;
        int pages = 0;
        boolean truncated = true;
        while (truncated && pages < MAX_PAGES) {
            String km = keyMarker;
            String vm = versionIdMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/").maxKeys(1)
                    .keyMarker(km).versionIdMarker(vm));
            pages++;
            page.versions().forEach(v -> seen.add(v.key()));
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            truncated = page.isTruncated();
            keyMarker = page.nextKeyMarker();
            versionIdMarker = page.nextVersionIdMarker();
        }
        assertThat(seen).containsExactly("a", "b/", "c/", "d");
    }

    @Test
    void listObjectVersions_keyMarkerWithNullVersionIdMarker_startsAfterThatKey() {
        String bucket = newBucket();
        fill(bucket, "a", "b", "c");
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("a").versionIdMarker("null"));
        assertThat(r.keyMarker()).isEqualTo("a");
        assertThat(r.versionIdMarker()).isEqualTo("null");
        assertThat(r.versions()).extracting(ObjectVersion::key).containsExactly("b", "c");
    }

    @Test
    void listObjectVersions_maxKeysZero_listsNothingUntruncated() {
        String bucket = newBucket();
        fill(bucket, "a", "b");
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(0));
        assertThat(r.maxKeys()).isZero();
        assertThat(r.versions()).isEmpty();
        assertThat(r.isTruncated()).isFalse();
    }

    @Test
    void listObjectVersions_urlEncoding_encodesKeysAndMarkersAndTheSdkDecodesThem() throws IOException {
        String bucket = newBucket();
        String odd = "odd dir/é+%&<.txt";
        fill(bucket, odd, "plain");
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).encodingType(EncodingType.URL));
        assertThat(r.versions()).extracting(ObjectVersion::key).containsExactly(odd, "plain");
        RawHttp.Response raw = signedGet("/" + bucket, "versions", "encoding-type=url&delimiter=%20&max-keys=1");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.xml("Delimiter")).isEqualTo("%20");
        Element common = (Element) raw.document().getElementsByTagName("CommonPrefixes").item(0);
        assertThat(common.getElementsByTagName("Prefix").item(0).getTextContent()).isEqualTo("odd%20");
        assertThat(raw.xml("NextKeyMarker")).isEqualTo("odd%20");
        assertThat(raw.xml("EncodingType")).isEqualTo("url");
        RawHttp.Response flat = signedGet("/" + bucket, "versions", "encoding-type=url");
        assertThat(flat.xml("Key")).isEqualTo("odd%20dir/%C3%A9%2B%25%26%3C.txt");
    }

    @Test
    void listObjectVersions_xml_hasAwsElementOrder() throws IOException {
        String bucket = newBucket();
        fill(bucket, "a", "b", "c/d");
        RawHttp.Response truncated = signedGet("/" + bucket, "versions", "max-keys=2");
        assertThat(truncated.status()).isEqualTo(200);
        Element root = truncated.document().getDocumentElement();
        assertThat(root.getNodeName()).isEqualTo("ListVersionsResult");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://s3.amazonaws.com/doc/2006-03-01/");
        assertThat(childNames(root)).containsExactly("Name", "Prefix", "KeyMarker", "VersionIdMarker", "NextKeyMarker",
                "NextVersionIdMarker", "MaxKeys", "IsTruncated", "Version", "Version");
        Element version = (Element) root.getElementsByTagName("Version").item(0);
        assertThat(childNames(version)).containsExactly("Key", "VersionId", "IsLatest", "LastModified", "ETag",
                "ChecksumAlgorithm", "ChecksumType", "Size", "StorageClass", "Owner");
        assertThat(truncated.xml("NextVersionIdMarker")).isEqualTo("null");
        assertThat(truncated.xml("IsLatest")).isEqualTo("true");

        RawHttp.Response delimited = signedGet("/" + bucket, "versions", "delimiter=/&encoding-type=url");
        assertThat(childNames(delimited.document().getDocumentElement())).containsExactly("Name", "Prefix",
                "KeyMarker", "VersionIdMarker", "MaxKeys", "Delimiter", "IsTruncated", "Version", "Version",
                "CommonPrefixes", "EncodingType");
    }

    @Test
    void listObjectVersions_versionIdMarkerWithoutKeyMarker_isInvalidArgument() {
        String bucket = newBucket();
        assertInvalidArgument(() -> s3.listObjectVersions(b -> b.bucket(bucket).versionIdMarker("null")));
    }

    @Test
    void listObjectVersions_unknownVersionIdMarker_isInvalidArgument() throws IOException {
        String bucket = newBucket();
        assertInvalidArgument(() -> s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("a").versionIdMarker("abc")));
        RawHttp.Response raw = signedGet("/" + bucket, "versions", "key-marker=a&version-id-marker=abc");
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.xml("Message")).isEqualTo("Invalid version id specified");
        assertThat(raw.xml("ArgumentName")).isEqualTo("version-id-marker");
    }

    @Test
    void listObjectVersions_negativeMaxKeys_isInvalidArgument() {
        String bucket = newBucket();
        assertInvalidArgument(() -> s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(-1)));
    }

    @Test
    void listObjectVersions_missingBucket_isNoSuchBucket() {
        assertThatThrownBy(() -> s3.listObjectVersions(b -> b.bucket("no-such-bucket-versions-it")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
                });
    }

    @Test
    void listObjectVersions_anonymousAndOtherUsers_areDeniedUnlessTheBucketGrantsRead() throws Exception {
        String bucket = newBucket();
        fill(bucket, "a");
        UserAccount other = accounts.createUser(TestEmails.fresh("versions"), false);
        var key = other.keys().get(0);
        S3Client otherClient = client(key.accessKeyId(), key.secretAccessKey());
        assertThatThrownBy(() -> otherClient.listObjectVersions(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket + "?versions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("<Code>AccessDenied</Code>");

        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertThat(otherClient.listObjectVersions(b -> b.bucket(bucket)).versions()).extracting(ObjectVersion::key)
                .containsExactly("a");
    }

    @Test
    void objectRequests_nullVersionId_readAndDeleteTheObject() {
        String bucket = newBucket();
        fill(bucket, "k");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("null")).asUtf8String()).isEqualTo("k");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k").versionId("null")).contentLength()).isEqualTo(1);
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId("null"));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    }

    @Test
    void objectRequests_otherVersionId_isInvalidArgument() throws IOException {
        String bucket = newBucket();
        fill(bucket, "k");
        assertInvalidArgument(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId("abc")));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("k").versionId("abc")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertInvalidArgument(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").versionId("abc")));
        RawHttp.Response raw = signedGet("/" + bucket + "/k", "versionId=abc", "");
        assertThat(raw.xml("Message")).isEqualTo("Invalid version id specified");
        assertThat(raw.xml("ArgumentName")).isEqualTo("versionId");
        assertThat(raw.xml("ArgumentValue")).isEqualTo("abc");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("k");
    }

    @Test
    void putBucketVersioning_ofAMissingBucket_isNoSuchBucketAndCreatesNoBucket() {
        String name = TestEmails.freshBucket("versioning").toLowerCase(Locale.ROOT);
        assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket(name)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
                });
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(name)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void putBucketVersioning_suspended_isKept_enabledIsNotImplemented() throws IOException {
        String bucket = newBucket();
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
        assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();

        s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
        fill(bucket, "k");
        fill(bucket, "k");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions())
                .extracting(v -> v.key() + "@" + v.versionId()).containsExactly("k@null");
    }

    @Test
    void putBucketVersioning_withoutAValidStatus_isMalformedXml() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status("Paused"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML");
                });
        assertThatThrownBy(() -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.mfaDelete("Disabled"))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    }
}
