package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * PutPublicAccessBlock, GetPublicAccessBlock, DeletePublicAccessBlock: the configuration round-trips, BlockPublicAcls
 * refuses public ACLs being set, IgnorePublicAcls makes public grants count for nothing until it is removed.
 */
@QuarkusTest
class PublicAccessBlockIT extends S3TestSupport {
    private void block(String bucket, boolean blockPublicAcls, boolean ignorePublicAcls) {
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(blockPublicAcls).ignorePublicAcls(ignorePublicAcls)));
    }

    @Test
    void configuration_roundTrips_andDeleteRemovesIt() {
        String bucket = newBucket();
        assertS3Error(() -> s3.getPublicAccessBlock(b -> b.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(true).restrictPublicBuckets(false)));
        PublicAccessBlockConfiguration got = s3.getPublicAccessBlock(b -> b.bucket(bucket))
                .publicAccessBlockConfiguration();
        assertThat(got.blockPublicAcls()).isTrue();
        assertThat(got.ignorePublicAcls()).isFalse();
        assertThat(got.blockPublicPolicy()).isTrue();
        assertThat(got.restrictPublicBuckets()).isFalse();
        assertThat(s3.deletePublicAccessBlock(b -> b.bucket(bucket)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertS3Error(() -> s3.getPublicAccessBlock(b -> b.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
    }

    @Test
    void blockPublicAcls_refusesPublicAclsBeingSet_andAllowsPrivateOnes() {
        String bucket = newBucket();
        block(bucket, true, false);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("pub").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("v")), 403, "AccessDenied");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PRIVATE), RequestBody.fromString("v"));
        assertS3Error(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.AUTHENTICATED_READ)),
                403, "AccessDenied");
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), 403, "AccessDenied");
        assertS3Error(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k")
                .grantRead("uri=http://acs.amazonaws.com/groups/global/AllUsers")), 403, "AccessDenied");
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants())
                .noneMatch(g -> g.grantee().type() == Type.GROUP);
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
    }

    @Test
    void ignorePublicAcls_makesPublicGrantsCountForNothing_untilRemoved() throws Exception {
        String bucket = newBucket();
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        s3.putObject(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v"));
        assertThat(anonymousGet("/" + bucket + "/k")).isEqualTo(200);
        assertThat(anonymousGet("/" + bucket)).isEqualTo(200);

        block(bucket, false, true);
        assertThat(anonymousGet("/" + bucket + "/k")).isEqualTo(403);
        assertThat(anonymousGet("/" + bucket)).isEqualTo(403);
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("k")).grants())
                .anyMatch(g -> g.grantee().type() == Type.GROUP);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v");

        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertThat(anonymousGet("/" + bucket + "/k")).isEqualTo(200);
    }

    @Test
    void putPublicAccessBlock_withANonBooleanSwitch_isMalformedXml() throws Exception {
        String bucket = newBucket();
        String host = endpoint().getHost() + ":" + endpoint().getPort();
        String target = "/" + bucket + "?publicAccessBlock";
        RawHttp.Request put = TestSignatures.v2Request("PUT", target, host, target, Instant.now())
                .body("<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>"
                        .getBytes(StandardCharsets.UTF_8));
        RawHttp.Response response = RawHttp.send(endpoint().getHost(), endpoint().getPort(), put);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.xml("Code")).isEqualTo("MalformedXML");
        assertS3Error(() -> s3.getPublicAccessBlock(b -> b.bucket(bucket)), 404, "NoSuchPublicAccessBlockConfiguration");
    }
}
