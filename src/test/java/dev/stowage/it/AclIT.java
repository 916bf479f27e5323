package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * ACLs between two users and anonymous callers: canned ACLs, grant headers by id and email, AccessControlPolicy
 * documents, and their enforcement on every operation (unsigned GETs of public objects included).
 */
@QuarkusTest
class AclIT extends S3TestSupport {
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    @Inject
    Accounts accounts;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A user of its own and its SDK client. */
    private record Tenant(UserAccount user, S3Client s3) {
        String id() {
            return user.id();
        }
    }

    private Tenant newTenant(String name) {
        UserAccount user = accounts.createUser(TestEmails.fresh(name), false);
        var key = user.keys().get(0);
        return new Tenant(user, client(key.accessKeyId(), key.secretAccessKey()));
    }

    private static String createBucket(Tenant tenant, String name) {
        String bucket = TestEmails.freshBucket(name).toLowerCase(Locale.ROOT);
        tenant.s3().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private HttpResponse<String> unsigned(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        });
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    private static List<String> grants(GetObjectAclResponse acl) {
        return acl.grants().stream().map(AclIT::describe).toList();
    }

    private static String describe(Grant g) {
        Grantee grantee = g.grantee();
        String who = grantee.type() == Type.GROUP ? grantee.uri() : grantee.id();
        return g.permissionAsString() + " " + grantee.typeAsString() + " " + who;
    }

    @Test
    void getObject_publicReadObject_isReadableByAnUnsignedGet() throws Exception {
        Tenant alice = newTenant("alice");
        String bucket = createBucket(alice, "public");
        alice.s3().putObject(b -> b.bucket(bucket).key("hello.txt").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("hello world"));
        alice.s3().putObject(b -> b.bucket(bucket).key("secret.txt"), RequestBody.fromString("secret"));

        HttpResponse<String> open = unsigned("GET", "/" + bucket + "/hello.txt");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("hello world");
        assertThat(unsigned("HEAD", "/" + bucket + "/hello.txt").statusCode()).isEqualTo(200);
        // response-* overrides are for signed requests only, as AWS answers
        HttpResponse<String> overridden = unsigned("GET", "/" + bucket + "/hello.txt?response-content-type=text/html");
        assertThat(overridden.statusCode()).isEqualTo(400);
        assertThat(overridden.body()).contains("<Code>InvalidRequest</Code>")
                .contains("Request specific response headers cannot be used for anonymous GET requests.");
        assertThat(unsigned("HEAD", "/" + bucket + "/hello.txt?response-cache-control=no-cache").statusCode())
                .isEqualTo(400);

        HttpResponse<String> closed = unsigned("GET", "/" + bucket + "/secret.txt");
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(closed.body()).contains("<Code>AccessDenied</Code>");
        // a missing key teaches an anonymous caller nothing either: the bucket is not listable to it
        assertThat(unsigned("GET", "/" + bucket + "/missing").statusCode()).isEqualTo(403);
        // nor may it list the private bucket
        assertThat(unsigned("GET", "/" + bucket).statusCode()).isEqualTo(403);
    }

    @Test
    void copyAndMultipart_cannedAclAndTaggingHeaders_applyToTheNewObject() throws Exception {
        Tenant alice = newTenant("alice");
        String bucket = createBucket(alice, "breadth");
        alice.s3().putObject(b -> b.bucket(bucket).key("src").tagging("a=1"), RequestBody.fromString("source"));

        alice.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("copy").acl(ObjectCannedACL.PUBLIC_READ));
        HttpResponse<String> copied = unsigned("GET", "/" + bucket + "/copy");
        assertThat(copied.statusCode()).isEqualTo(200);
        assertThat(copied.body()).isEqualTo("source");
        // tags are copied by default, replaced on request
        assertThat(alice.s3().getObjectTagging(b -> b.bucket(bucket).key("copy")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("a=1");
        alice.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("retagged").taggingDirective("REPLACE").tagging("b=2"));
        assertThat(alice.s3().getObjectTagging(b -> b.bucket(bucket).key("retagged")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("b=2");
        assertThat(unsigned("GET", "/" + bucket + "/retagged").statusCode()).isEqualTo(403);

        String uploadId = alice.s3().createMultipartUpload(b -> b.bucket(bucket).key("mpu")
                .acl(ObjectCannedACL.PUBLIC_READ).tagging("c=3")).uploadId();
        String etag = alice.s3().uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("multipart")).eTag();
        alice.s3().completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        HttpResponse<String> assembled = unsigned("GET", "/" + bucket + "/mpu");
        assertThat(assembled.statusCode()).isEqualTo(200);
        assertThat(assembled.body()).isEqualTo("multipart");
        assertThat(alice.s3().getObjectTagging(b -> b.bucket(bucket).key("mpu")).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("c=3");
    }

    @Test
    void copyObject_sourceTheCallerMayNotRead_isAccessDenied() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String aliceBucket = createBucket(alice, "copy-src");
        String bobBucket = createBucket(bob, "copy-dst");
        alice.s3().putObject(b -> b.bucket(aliceBucket).key("private"), RequestBody.fromString("p"));
        alice.s3().putObject(b -> b.bucket(aliceBucket).key("public").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("open"));

        assertDenied(() -> bob.s3().copyObject(b -> b.sourceBucket(aliceBucket).sourceKey("private")
                .destinationBucket(bobBucket).destinationKey("stolen")));
        // a missing source is not revealed to a caller who may not list the source bucket
        assertDenied(() -> bob.s3().copyObject(b -> b.sourceBucket(aliceBucket).sourceKey("missing")
                .destinationBucket(bobBucket).destinationKey("x")));
        bob.s3().copyObject(b -> b.sourceBucket(aliceBucket).sourceKey("public")
                .destinationBucket(bobBucket).destinationKey("mine"));
        assertThat(bob.s3().getObjectAsBytes(b -> b.bucket(bobBucket).key("mine")).asUtf8String()).isEqualTo("open");
    }

    @Test
    void putObjectAcl_publicRead_makesAnExistingObjectReadableAndKeepsItsBytesAndEtag() throws Exception {
        Tenant alice = newTenant("alice");
        String bucket = createBucket(alice, "later");
        String etag = alice.s3().putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("document")).eTag();
        assertThat(unsigned("GET", "/" + bucket + "/doc").statusCode()).isEqualTo(403);

        alice.s3().putObjectAcl(b -> b.bucket(bucket).key("doc").acl(ObjectCannedACL.PUBLIC_READ));

        HttpResponse<String> open = unsigned("GET", "/" + bucket + "/doc");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).isEqualTo("document");
        assertThat(open.headers().firstValue("ETag")).contains(etag);
        alice.s3().putObjectAcl(b -> b.bucket(bucket).key("doc").acl(ObjectCannedACL.PRIVATE));
        assertThat(unsigned("GET", "/" + bucket + "/doc").statusCode()).isEqualTo(403);
    }

    @Test
    void listObjects_publicReadBucket_isListableAnonymouslyButNotWritable() throws Exception {
        Tenant alice = newTenant("alice");
        String bucket = TestEmails.freshBucket("listable").toLowerCase(Locale.ROOT);
        alice.s3().createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        alice.s3().putObject(b -> b.bucket(bucket).key("a.txt"), RequestBody.fromString("a"));

        HttpResponse<String> listing = unsigned("GET", "/" + bucket + "?list-type=2");
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(listing.body()).contains("<Key>a.txt</Key>");
        // listing does not make the objects readable; an absent key is now reported as such
        assertThat(unsigned("GET", "/" + bucket + "/a.txt").statusCode()).isEqualTo(403);
        assertThat(unsigned("GET", "/" + bucket + "/missing").statusCode()).isEqualTo(404);
        assertThat(unsigned("PUT", "/" + bucket + "/b.txt").statusCode()).isEqualTo(403);
        assertThat(unsigned("DELETE", "/" + bucket + "/a.txt").statusCode()).isEqualTo(403);
        assertThat(unsigned("DELETE", "/" + bucket).statusCode()).isEqualTo(403);
    }

    @Test
    void anonymousCaller_mayNeitherListBucketsNorCreateOne() throws Exception {
        assertThat(unsigned("GET", "/").statusCode()).isEqualTo(403);
        assertThat(unsigned("PUT", "/" + TestEmails.freshBucket("anon")).statusCode()).isEqualTo(403);
    }

    @Test
    void otherUser_isDeniedEverythingWithoutAGrant() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = createBucket(alice, "private");
        alice.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));

        assertDenied(() -> bob.s3().getObject(b -> b.bucket(bucket).key("k")));
        assertThatThrownBy(() -> bob.s3().headObject(b -> b.bucket(bucket).key("k"))) // HEAD: no body, no code
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertDenied(() -> bob.s3().listObjectsV2(b -> b.bucket(bucket)));
        assertDenied(() -> bob.s3().putObject(b -> b.bucket(bucket).key("x"), RequestBody.fromString("x")));
        assertDenied(() -> bob.s3().deleteObject(b -> b.bucket(bucket).key("k")));
        assertDenied(() -> bob.s3().getBucketAcl(b -> b.bucket(bucket)));
        assertDenied(() -> bob.s3().getObjectAcl(b -> b.bucket(bucket).key("k")));
        assertDenied(() -> bob.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE)));
        assertDenied(() -> bob.s3().deleteBucket(b -> b.bucket(bucket)));
        assertThat(bob.s3().listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
        assertThat(alice.s3().listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
    }

    @Test
    void grantHeaders_byEmailAndById_letTheGranteeReadAndNobodyElse() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        Tenant carol = newTenant("carol");
        String bucket = createBucket(alice, "grants");
        alice.s3().putObject(b -> b.bucket(bucket).key("by-email")
                .grantRead("emailAddress=\"" + bob.user().email() + "\""), RequestBody.fromString("one"));
        alice.s3().putObject(b -> b.bucket(bucket).key("by-id")
                .grantRead("id=\"" + carol.id() + "\"").grantReadACP("id=\"" + carol.id() + "\""),
                RequestBody.fromString("two"));

        assertThat(bob.s3().getObjectAsBytes(b -> b.bucket(bucket).key("by-email")).asUtf8String()).isEqualTo("one");
        assertDenied(() -> carol.s3().getObject(b -> b.bucket(bucket).key("by-email")));
        assertThat(carol.s3().getObjectAsBytes(b -> b.bucket(bucket).key("by-id")).asUtf8String()).isEqualTo("two");
        assertDenied(() -> bob.s3().getObject(b -> b.bucket(bucket).key("by-id")));
        // READ_ACP lets carol see the grants (stored by canonical id, the email resolved when written)
        GetObjectAclResponse acl = carol.s3().getObjectAcl(b -> b.bucket(bucket).key("by-id"));
        assertThat(grants(acl)).containsExactly("READ CanonicalUser " + carol.id(), "READ_ACP CanonicalUser " + carol.id());
        assertThat(acl.owner().id()).isEqualTo(alice.id());
        assertDenied(() -> carol.s3().putObjectAcl(b -> b.bucket(bucket).key("by-id").acl(ObjectCannedACL.PUBLIC_READ)));
        assertThat(grants(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("by-email"))))
                .containsExactly("READ CanonicalUser " + bob.id());
    }

    @Test
    void bucketGrants_writeAndRead_letAnotherUserListWriteAndDeleteButNotDeleteTheBucket() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = createBucket(alice, "shared");
        alice.s3().putBucketAcl(b -> b.bucket(bucket)
                .grantFullControl("id=\"" + alice.id() + "\"")
                .grantRead("id=\"" + bob.id() + "\"")
                .grantWrite("emailAddress=\"" + bob.user().email() + "\""));

        bob.s3().putObject(b -> b.bucket(bucket).key("from-bob"), RequestBody.fromString("bob's"));
        assertThat(bob.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).contains("from-bob");
        // the writer owns what it wrote: the bucket owner reads it only through a grant, but may delete it
        assertThat(bob.s3().getObjectAcl(b -> b.bucket(bucket).key("from-bob")).owner().id()).isEqualTo(bob.id());
        assertDenied(() -> alice.s3().getObject(b -> b.bucket(bucket).key("from-bob")));
        bob.s3().putObject(b -> b.bucket(bucket).key("for-alice").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("yours"));
        assertThat(alice.s3().getObjectAsBytes(b -> b.bucket(bucket).key("for-alice")).asUtf8String()).isEqualTo("yours");
        alice.s3().deleteObject(b -> b.bucket(bucket).key("from-bob"));
        bob.s3().deleteObject(b -> b.bucket(bucket).key("for-alice"));
        assertDenied(() -> bob.s3().deleteBucket(b -> b.bucket(bucket)));
        assertDenied(() -> bob.s3().getBucketAcl(b -> b.bucket(bucket)));
        alice.s3().deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void cannedAcls_eachGivesAwsGrants() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = createBucket(alice, "canned");
        alice.s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        String owner = "FULL_CONTROL CanonicalUser " + bob.id();
        expectCanned(bob, bucket, ObjectCannedACL.PRIVATE, List.of(owner));
        // groups first, then the owner, as Ceph's gateway lists them and s3-tests indexes them
        expectCanned(bob, bucket, ObjectCannedACL.PUBLIC_READ, List.of("READ Group " + ALL_USERS, owner));
        expectCanned(bob, bucket, ObjectCannedACL.PUBLIC_READ_WRITE,
                List.of("READ Group " + ALL_USERS, "WRITE Group " + ALL_USERS, owner));
        expectCanned(bob, bucket, ObjectCannedACL.AUTHENTICATED_READ, List.of("READ Group " + AUTHENTICATED_USERS, owner));
        expectCanned(bob, bucket, ObjectCannedACL.BUCKET_OWNER_READ, List.of(owner, "READ CanonicalUser " + alice.id()));
        expectCanned(bob, bucket, ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL,
                List.of(owner, "FULL_CONTROL CanonicalUser " + alice.id()));

        GetObjectAclResponse privateAcl = bob.s3().getObjectAcl(b -> b.bucket(bucket).key("private"));
        assertThat(privateAcl.owner().displayName()).isEqualTo(bob.user().displayName());
        assertThat(privateAcl.grants().getFirst().grantee().displayName()).isEqualTo(bob.user().displayName());
        var bucketAcl = alice.s3().getBucketAcl(b -> b.bucket(bucket));
        assertThat(bucketAcl.grants()).extracting(AclIT::describe).containsExactly(
                "READ Group " + ALL_USERS, "WRITE Group " + ALL_USERS, "FULL_CONTROL CanonicalUser " + alice.id());
    }

    private static void expectCanned(Tenant writer, String bucket, ObjectCannedACL acl, List<String> expected) {
        String key = acl.toString();
        writer.s3().putObject(b -> b.bucket(bucket).key(key).acl(acl), RequestBody.fromString(key));
        assertThat(grants(writer.s3().getObjectAcl(b -> b.bucket(bucket).key(key)))).as(key)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void authenticatedRead_letsAnySignedUserReadButNotAnonymous() throws Exception {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = createBucket(alice, "authread");
        alice.s3().putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ),
                RequestBody.fromString("members"));
        assertThat(bob.s3().getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("members");
        assertThat(unsigned("GET", "/" + bucket + "/k").statusCode()).isEqualTo(403);
    }

    @Test
    void publicReadWriteBucket_takesAnonymousWritesOwnedByTheBucketOwner() throws Exception {
        Tenant alice = newTenant("alice");
        String bucket = TestEmails.freshBucket("dropbox").toLowerCase(Locale.ROOT);
        alice.s3().createBucket(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
        HttpRequest put = HttpRequest.newBuilder(URI.create(endpoint() + "/" + bucket + "/drop"))
                .PUT(HttpRequest.BodyPublishers.ofString("dropped")).build();
        assertThat(http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(alice.s3().getObjectAsBytes(b -> b.bucket(bucket).key("drop")).asUtf8String()).isEqualTo("dropped");
        assertThat(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("drop")).owner().id()).isEqualTo(alice.id());
    }

    @Test
    void accessControlPolicy_roundTripsThroughPutAndGet() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = createBucket(alice, "policy");
        alice.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        AccessControlPolicy policy = AccessControlPolicy.builder()
                .owner(Owner.builder().id(alice.id()).build())
                .grants(grant(Grantee.builder().type(Type.CANONICAL_USER).id(alice.id()).build(), Permission.FULL_CONTROL),
                        grant(Grantee.builder().type(Type.AMAZON_CUSTOMER_BY_EMAIL).emailAddress(bob.user().email()).build(),
                                Permission.WRITE_ACP),
                        grant(Grantee.builder().type(Type.GROUP).uri(ALL_USERS).build(), Permission.READ))
                .build();
        alice.s3().putObjectAcl(b -> b.bucket(bucket).key("k").accessControlPolicy(policy));
        assertThat(grants(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("k")))).containsExactly(
                "FULL_CONTROL CanonicalUser " + alice.id(), "WRITE_ACP CanonicalUser " + bob.id(),
                "READ Group " + ALL_USERS);
        // WRITE_ACP lets bob replace the ACL (owner stays alice) but not read it
        bob.s3().putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PRIVATE));
        assertDenied(() -> bob.s3().getObjectAcl(b -> b.bucket(bucket).key("k")));
        assertThat(grants(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("k"))))
                .containsExactly("FULL_CONTROL CanonicalUser " + alice.id());

        alice.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(policy.toBuilder()
                .grants(grant(Grantee.builder().type(Type.CANONICAL_USER).id(bob.id()).build(), Permission.READ)).build()));
        assertThat(alice.s3().getBucketAcl(b -> b.bucket(bucket)).grants()).extracting(AclIT::describe)
                .containsExactly("READ CanonicalUser " + bob.id());
        assertThat(bob.s3().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(1);
    }

    private static Grant grant(Grantee grantee, Permission permission) {
        return Grant.builder().grantee(grantee).permission(permission).build();
    }

    @Test
    void badAcls_getAwsErrors() {
        Tenant alice = newTenant("alice");
        String bucket = createBucket(alice, "errors");
        alice.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
        assertError(() -> alice.s3().putObject(b -> b.bucket(bucket).key("both").acl(ObjectCannedACL.PUBLIC_READ)
                .grantRead("id=\"" + alice.id() + "\""), RequestBody.fromString("x")), 400, "InvalidRequest");
        assertError(() -> alice.s3().putObjectAcl(b -> b.bucket(bucket).key("k")
                .grantRead("emailAddress=\"nobody-" + System.nanoTime() + "@example.com\"")), 400,
                "UnresolvableGrantByEmailAddress");
        assertError(() -> alice.s3().putObjectAcl(b -> b.bucket(bucket).key("k").grantRead("id=\"0000ffff0000ffff\"")),
                400, "InvalidArgument");
        assertError(() -> alice.s3().putBucketAcl(b -> b.bucket(bucket).accessControlPolicy(AccessControlPolicy.builder()
                .grants(grant(Grantee.builder().type(Type.GROUP).uri(ALL_USERS).build(), Permission.READ)).build())),
                400, "MalformedACLError");
        assertError(() -> alice.s3().putObject(b -> b.bucket(bucket).key("bad").acl("world-writable"),
                RequestBody.fromString("x")), 400, "InvalidArgument");
        assertError(() -> alice.s3().putObjectAcl(b -> b.bucket(bucket).key("missing").acl(ObjectCannedACL.PRIVATE)),
                404, "NoSuchKey");
        // a refused write changed nothing
        assertThat(grants(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("k"))))
                .containsExactly("FULL_CONTROL CanonicalUser " + alice.id());
    }

}
