package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus, and what a policy decides: an Allow
 * grants what the ACLs do not (to anonymous callers too), an explicit Deny refuses even the owner, conditions see the
 * request (its source address, its headers), the public access block's policy switches act.
 */
@QuarkusTest
class BucketPolicyIT extends S3TestSupport {
    @Inject
    Accounts accounts;

    private record Tenant(UserAccount user, S3Client s3) {}

    private Tenant newTenant() {
        UserAccount user = accounts.createUser(TestEmails.fresh("policy"), false);
        var key = user.keys().get(0);
        return new Tenant(user, client(key.accessKeyId(), key.secretAccessKey()));
    }

    private void policy(String bucket, String statements) {
        s3.putBucketPolicy(b -> b.bucket(bucket)
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
    }

    private static String statement(String effect, String principal, String action, String resource, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":" + action + ",\"Resource\":"
                + resource + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    @Test
    void policy_roundTripsVerbatim_reportsItsStatus_andDeleteRemovesIt() {
        String bucket = newBucket();
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
        assertS3Error(() -> s3.getBucketPolicyStatus(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement("Allow", "\"*\"", "\"s3:GetObject\"",
                "\"arn:aws:s3:::" + bucket + "/*\"", null) + "]}";
        assertThat(s3.putBucketPolicy(b -> b.bucket(bucket).policy(document)).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(document);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();

        policy(bucket, statement("Allow", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"",
                "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"));
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isFalse();

        assertThat(s3.deleteBucketPolicy(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void publicReadPolicy_letsAnonymousCallersGetObjects_butNotListOrWrite_untilDeleted() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("site/index.html"), RequestBody.fromString("<html/>"));
        assertThat(anonymousGet("/" + bucket + "/site/index.html")).isEqualTo(403);
        policy(bucket, statement("Allow", "{\"AWS\":\"*\"}", "[\"s3:GetObject\"]", "[\"arn:aws:s3:::" + bucket + "/site/*\"]",
                null));
        assertThat(anonymousGet("/" + bucket + "/site/index.html")).isEqualTo(200);
        assertThat(anonymousGet("/" + bucket + "/site/missing.html")).as("no s3:ListBucket: a missing key is denied")
                .isEqualTo(403);
        assertThat(anonymousGet("/" + bucket)).isEqualTo(403);
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(anonymousGet("/" + bucket + "/site/index.html")).isEqualTo(403);
    }

    @Test
    void allow_grantsAnotherUserWhatTheAclsDoNot_withinTheNamedResources() {
        String bucket = newBucket();
        Tenant other = newTenant();
        String id = other.user().id();
        assertS3Error(() -> other.s3().putObject(b -> b.bucket(bucket).key("shared/a"), RequestBody.fromString("x")),
                403, "AccessDenied");
        policy(bucket, statement("Allow", "{\"AWS\":\"arn:aws:iam::" + id + ":root\"}", "[\"s3:PutObject\",\"s3:GetObject\"]",
                "\"arn:aws:s3:::" + bucket + "/shared/*\"", null));
        other.s3().putObject(b -> b.bucket(bucket).key("shared/a"), RequestBody.fromString("x"));
        assertThat(other.s3().getObjectAsBytes(b -> b.bucket(bucket).key("shared/a")).asUtf8String()).isEqualTo("x");
        assertS3Error(() -> other.s3().putObject(b -> b.bucket(bucket).key("private/a"), RequestBody.fromString("x")),
                403, "AccessDenied");
        assertS3Error(() -> other.s3().getObject(b -> b.bucket(bucket).key("shared/missing")), 403, "AccessDenied");
        assertS3Error(() -> other.s3().listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");

        policy(bucket, statement("Allow", "{\"CanonicalUser\":\"" + id + "\"}", "\"s3:*\"",
                "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/shared/*\"]", null));
        assertThat(other.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("shared/a");
        assertS3Error(() -> other.s3().getObject(b -> b.bucket(bucket).key("shared/missing")), 404, "NoSuchKey");
        assertS3Error(() -> other.s3().getBucketPolicy(b -> b.bucket(bucket)), 403, "AccessDenied");
    }

    @Test
    void deny_refusesTheOwnerToo_butNeverTakesThePolicyFromThem() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("keep/a"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(bucket).key("tmp/b"), RequestBody.fromString("x"));
        policy(bucket, statement("Deny", "\"*\"", "[\"s3:DeleteObject\",\"s3:PutBucketPolicy\",\"s3:GetBucketPolicy\"]",
                "[\"arn:aws:s3:::" + bucket + "/keep/*\",\"arn:aws:s3:::" + bucket + "\"]", null));
        assertS3Error(() -> s3.deleteObject(b -> b.bucket(bucket).key("keep/a")), 403, "AccessDenied");
        DeleteObjectsResponse batch = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("keep/a").build(), ObjectIdentifier.builder().key("tmp/b").build())));
        assertThat(batch.deleted()).extracting(d -> d.key()).containsExactly("tmp/b");
        assertThat(batch.errors()).extracting(e -> e.key() + " " + e.code()).containsExactly("keep/a AccessDenied");
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).contains("Deny");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        s3.deleteObject(b -> b.bucket(bucket).key("keep/a"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    void conditions_seeTheRequestsSourceAddressAndHeaders() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        policy(bucket, statement("Deny", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"",
                "{\"IpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}"));
        assertS3Error(() -> s3.getObject(b -> b.bucket(bucket).key("k")), 403, "AccessDenied");
        policy(bucket, statement("Deny", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"",
                "{\"NotIpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");

        policy(bucket, statement("Deny", "\"*\"", "\"s3:PutObject\"", "\"arn:aws:s3:::" + bucket + "/*\"",
                "{\"StringNotEquals\":{\"s3:x-amz-storage-class\":\"STANDARD_IA\"}}"));
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("n"), RequestBody.fromString("x")), 403,
                "AccessDenied");
        s3.putObject(b -> b.bucket(bucket).key("n").storageClass("STANDARD_IA"), RequestBody.fromString("x"));
    }

    @Test
    void copySource_isGovernedByTheSourceBucketsPolicy() {
        String source = newBucket();
        s3.putObject(b -> b.bucket(source).key("doc"), RequestBody.fromString("shared"));
        Tenant other = newTenant();
        String target = "policy-target-" + System.nanoTime();
        other.s3().createBucket(b -> b.bucket(target));
        assertS3Error(() -> other.s3().copyObject(b -> b.sourceBucket(source).sourceKey("doc")
                .destinationBucket(target).destinationKey("copy")), 403, "AccessDenied");
        policy(source, statement("Allow", "{\"AWS\":\"" + other.user().id() + "\"}", "\"s3:GetObject\"",
                "\"arn:aws:s3:::" + source + "/doc\"", null));
        other.s3().copyObject(b -> b.sourceBucket(source).sourceKey("doc").destinationBucket(target).destinationKey("copy"));
        assertThat(other.s3().getObjectAsBytes(b -> b.bucket(target).key("copy")).asUtf8String()).isEqualTo("shared");
    }

    @Test
    void publicAccessBlock_blocksPublicPolicies_andRestrictsThemToTheOwner() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        String publicRead = statement("Allow", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"", null);
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
        assertS3Error(() -> policy(bucket, publicRead), 403, "AccessDenied");
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        policy(bucket, publicRead);
        assertThat(anonymousGet("/" + bucket + "/k")).isEqualTo(403);
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertThat(anonymousGet("/" + bucket + "/k")).isEqualTo(200);
    }

    @Test
    void malformedPolicies_areRefusedWithS3sMessages_andChangeNothing() {
        String bucket = newBucket();
        List<String[]> cases = List.of(
                new String[] {"not json", "Policies must be valid JSON and the first byte must be '{'"},
                new String[] {"{\"Statement\":[" + statement("Allow", "\"*\"", "\"s3:Fly\"",
                        "\"arn:aws:s3:::" + bucket + "/*\"", null) + "]}", "Policy has invalid action"},
                new String[] {"{\"Statement\":[" + statement("Allow", "{\"AWS\":\"no-such-user\"}", "\"s3:GetObject\"",
                        "\"arn:aws:s3:::" + bucket + "/*\"", null) + "]}", "Invalid principal in policy"},
                new String[] {"{\"Statement\":[" + statement("Allow", "\"*\"", "\"s3:GetObject\"",
                        "\"arn:aws:s3:::another-bucket/*\"", null) + "]}", "Policy has invalid resource"},
                new String[] {"{\"Statement\":[" + statement("Allow", "\"*\"", "\"s3:PutObject\"",
                        "\"arn:aws:s3:::" + bucket + "\"", null) + "]}",
                        "Action does not apply to any resource(s) in statement"});
        for (String[] c : cases) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(c[0])))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(c[1]);
                    });
        }
        assertS3Error(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }
}
