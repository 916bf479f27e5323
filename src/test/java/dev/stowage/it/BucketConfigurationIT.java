package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Payer;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket configurations Stowage does not keep (encryption, website, logging, notification, replication,
 * request payment, accelerate, object lock) and those of a bucket that has none set (policy, lifecycle): reads
 * answer what AWS answers for a bucket without one, deletes succeed, PUTs are NotImplemented (but for the policy
 * and the lifecycle: BucketPolicyIT, LifecycleIT), only the bucket owner may.
 */
@QuarkusTest
class BucketConfigurationIT extends S3TestSupport {

    @Inject
    Accounts accounts;

    /** Each read AWS answers with a not-found error for a bucket without that configuration: code, message. */
    private static Map<String, Consumer<String>> notFoundReads(S3Client s3) {
        Map<String, Consumer<String>> reads = new LinkedHashMap<>();
        reads.put("NoSuchBucketPolicy|The bucket policy does not exist|policy",
                bucket -> s3.getBucketPolicy(b -> b.bucket(bucket)));
        reads.put("NoSuchBucketPolicy|The bucket policy does not exist|policyStatus",
                bucket -> s3.getBucketPolicyStatus(b -> b.bucket(bucket)));
        reads.put("NoSuchLifecycleConfiguration|The lifecycle configuration does not exist|lifecycle",
                bucket -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)));
        reads.put("ServerSideEncryptionConfigurationNotFoundError|The server side encryption configuration was not found|encryption",
                bucket -> s3.getBucketEncryption(b -> b.bucket(bucket)));
        reads.put("NoSuchWebsiteConfiguration|The specified bucket does not have a website configuration|website",
                bucket -> s3.getBucketWebsite(b -> b.bucket(bucket)));
        reads.put("ReplicationConfigurationNotFoundError|The replication configuration was not found|replication",
                bucket -> s3.getBucketReplication(b -> b.bucket(bucket)));
        reads.put("ObjectLockConfigurationNotFoundError|Object Lock configuration does not exist for this bucket|object-lock",
                bucket -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)));
        reads.put("OwnershipControlsNotFoundError|The bucket ownership controls were not found|ownershipControls",
                bucket -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)));
        reads.put("NoSuchPublicAccessBlockConfiguration|The public access block configuration was not found|publicAccessBlock",
                bucket -> s3.getPublicAccessBlock(b -> b.bucket(bucket)));
        return reads;
    }

    /** Every delete AWS has for these configurations. */
    private static Map<String, Consumer<String>> deletes(S3Client s3) {
        Map<String, Consumer<String>> deletes = new LinkedHashMap<>();
        deletes.put("DeleteBucketPolicy", bucket -> s3.deleteBucketPolicy(b -> b.bucket(bucket)));
        deletes.put("DeleteBucketLifecycle", bucket -> s3.deleteBucketLifecycle(b -> b.bucket(bucket)));
        deletes.put("DeleteBucketEncryption", bucket -> s3.deleteBucketEncryption(b -> b.bucket(bucket)));
        deletes.put("DeleteBucketWebsite", bucket -> s3.deleteBucketWebsite(b -> b.bucket(bucket)));
        deletes.put("DeleteBucketReplication", bucket -> s3.deleteBucketReplication(b -> b.bucket(bucket)));
        deletes.put("DeleteBucketOwnershipControls", bucket -> s3.deleteBucketOwnershipControls(b -> b.bucket(bucket)));
        deletes.put("DeletePublicAccessBlock", bucket -> s3.deletePublicAccessBlock(b -> b.bucket(bucket)));
        return deletes;
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    @Test
    void getBucketConfigurations_onAFreshBucket_areAwsNotFoundErrors() {
        String bucket = newBucket();
        notFoundReads(s3).forEach((expected, read) -> {
            String[] codeMessage = expected.split("\\|");
            assertThatThrownBy(() -> read.accept(bucket)).as(expected).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo(codeMessage[0]);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(codeMessage[1]);
            });
        });
    }

    @Test
    void getBucketConfigurations_withAnEmptyAnswer_returnNothingConfigured() {
        String bucket = newBucket();
        assertThat(s3.getBucketLogging(b -> b.bucket(bucket)).loggingEnabled()).isNull();
        var notification = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertThat(notification.topicConfigurations()).isEmpty();
        assertThat(notification.queueConfigurations()).isEmpty();
        assertThat(notification.lambdaFunctionConfigurations()).isEmpty();
        assertThat(notification.eventBridgeConfiguration()).isNull();
        assertThat(s3.getBucketRequestPayment(b -> b.bucket(bucket)).payer()).isEqualTo(Payer.BUCKET_OWNER);
        assertThat(s3.getBucketAccelerateConfiguration(b -> b.bucket(bucket)).status()).isNull();
    }

    @Test
    void deleteBucketConfigurations_onAFreshBucket_succeedWith204() {
        String bucket = newBucket();
        deletes(s3).forEach((action, delete) -> delete.accept(bucket));
        var response = s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertError(() -> s3.getBucketPolicy(b -> b.bucket(bucket)), 404, "NoSuchBucketPolicy");
    }

    @Test
    void putBucketConfigurations_stayNotImplemented() {
        String bucket = newBucket();
        assertError(() -> s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(
                c -> c.indexDocument(i -> i.suffix("index.html")))), 501, "NotImplemented");
        assertError(() -> s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(
                c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("AES256"))))), 501,
                "NotImplemented");
        assertError(() -> s3.getBucketWebsite(b -> b.bucket(bucket)), 404, "NoSuchWebsiteConfiguration");
    }

    @Test
    void bucketConfigurations_ofAnotherUsersBucket_areAccessDenied() {
        String bucket = newBucket();
        UserAccount other = accounts.createUser(TestEmails.fresh("configurer"), false);
        S3Client stranger = client(other.keys().get(0).accessKeyId(), other.keys().get(0).secretAccessKey());
        notFoundReads(stranger).forEach((expected, read) ->
                assertError(() -> read.accept(bucket), 403, "AccessDenied"));
        deletes(stranger).forEach((action, delete) -> assertError(() -> delete.accept(bucket), 403, "AccessDenied"));
        assertError(() -> stranger.getBucketLogging(b -> b.bucket(bucket)), 403, "AccessDenied");
        assertError(() -> stranger.getBucketRequestPayment(b -> b.bucket(bucket)), 403, "AccessDenied");
    }

    @Test
    void bucketConfigurations_ofAMissingBucket_areNoSuchBucket() {
        String missing = "bucketconfigurationit-missing-" + System.nanoTime();
        notFoundReads(s3).forEach((expected, read) -> assertError(() -> read.accept(missing), 404, "NoSuchBucket"));
        deletes(s3).forEach((action, delete) -> assertError(() -> delete.accept(missing), 404, "NoSuchBucket"));
        assertError(() -> s3.getBucketAccelerateConfiguration(b -> b.bucket(missing)), 404, "NoSuchBucket");
    }

    @Test
    void getBucketPolicy_errorBody_carriesCodeMessageBucketNameResourceAndRequestId() throws IOException {
        String bucket = newBucket();
        String host = endpointUrl.getHost() + ":" + endpointUrl.getPort();
        RawHttp.Response r = RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(),
                TestSignatures.v2Request("GET", "/" + bucket + "?policy", host, "/" + bucket + "?policy", Instant.now()));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        assertThat(r.xml("Code")).isEqualTo("NoSuchBucketPolicy");
        assertThat(r.xml("Message")).isEqualTo("The bucket policy does not exist");
        assertThat(r.xml("BucketName")).isEqualTo(bucket);
        assertThat(r.xml("Resource")).isEqualTo("/" + bucket);
        assertThat(r.xml("RequestId")).isNotBlank().isEqualTo(r.header("x-amz-request-id"));

        RawHttp.Response logging = RawHttp.send(endpointUrl.getHost(), endpointUrl.getPort(),
                TestSignatures.v2Request("GET", "/" + bucket + "?logging", host, "/" + bucket + "?logging", Instant.now()));
        assertThat(logging.status()).as(logging.toString()).isEqualTo(200);
        var root = logging.document().getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("BucketLoggingStatus");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://s3.amazonaws.com/doc/2006-03-01/");
        assertThat(root.getChildNodes().getLength()).isZero();
    }
}
