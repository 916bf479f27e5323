package dev.stowage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.TestEmails;
import dev.stowage.accounts.UserAccount;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bucket ownership controls: BucketOwnerPreferred gives the bucket owner objects written with
 * bucket-owner-full-control, BucketOwnerEnforced turns ACLs off; also set by CreateBucket's x-amz-object-ownership.
 */
@QuarkusTest
class ObjectOwnershipIT extends S3TestSupport {
    @Inject
    Accounts accounts;

    private record Tenant(UserAccount user, S3Client s3) {}

    private Tenant newTenant(String name) {
        UserAccount user = accounts.createUser(TestEmails.fresh(name), false);
        var key = user.keys().get(0);
        return new Tenant(user, client(key.accessKeyId(), key.secretAccessKey()));
    }

    private static String freshName(String name) {
        return TestEmails.freshBucket(name).toLowerCase(Locale.ROOT);
    }

    private static void setOwnership(S3Client s3, String bucket, ObjectOwnership mode) {
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r.objectOwnership(mode))));
    }

    @Test
    void ownershipControls_roundTrip_andDeleteRemovesThem() {
        String bucket = newBucket();
        setOwnership(s3, bucket, ObjectOwnership.BUCKET_OWNER_PREFERRED);
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules())
                .extracting(r -> r.objectOwnership()).containsExactly(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        assertThat(s3.deleteBucketOwnershipControls(b -> b.bucket(bucket)).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertS3Error(() -> s3.getBucketOwnershipControls(b -> b.bucket(bucket)), 404, "OwnershipControlsNotFoundError");
    }

    @Test
    void bucketOwnerPreferred_objectsWrittenWithBucketOwnerFullControl_belongToTheBucketOwner() {
        Tenant alice = newTenant("alice");
        Tenant bob = newTenant("bob");
        String bucket = freshName("preferred");
        alice.s3().createBucket(b -> b.bucket(bucket).grantWrite("id=" + bob.user().id()));
        setOwnership(alice.s3(), bucket, ObjectOwnership.BUCKET_OWNER_PREFERRED);
        bob.s3().putObject(b -> b.bucket(bucket).key("given").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("v"));
        bob.s3().putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("v"));
        assertThat(alice.s3().getObjectAcl(b -> b.bucket(bucket).key("given")).owner().id())
                .isEqualTo(alice.user().id());
        assertThat(bob.s3().getObjectAcl(b -> b.bucket(bucket).key("kept")).owner().id()).isEqualTo(bob.user().id());
        assertS3Error(() -> alice.s3().getObject(b -> b.bucket(bucket).key("kept")), 403, "AccessDenied");
    }

    @Test
    void bucketOwnerEnforced_turnsAclsOff() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("was-public").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("v"));
        assertThat(anonymousGet("/" + bucket + "/was-public")).isEqualTo(200);

        setOwnership(s3, bucket, ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(anonymousGet("/" + bucket + "/was-public")).isEqualTo(403);
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("was-public")).grants()).hasSize(1);
        assertS3Error(() -> s3.putObject(b -> b.bucket(bucket).key("p").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("v")), 400, "AccessControlListNotSupported");
        assertS3Error(() -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)), 400,
                "AccessControlListNotSupported");
        s3.putObject(b -> b.bucket(bucket).key("ok").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("v"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("ok")).asUtf8String()).isEqualTo("v");

        s3.deleteBucketOwnershipControls(b -> b.bucket(bucket));
        assertThat(anonymousGet("/" + bucket + "/was-public")).isEqualTo(200);
    }

    @Test
    void bucketOwnerEnforced_onABucketWhoseAclGrantsOthers_isInvalidBucketAclWithObjectOwnership() {
        String bucket = newBucket();
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        assertS3Error(() -> setOwnership(s3, bucket, ObjectOwnership.BUCKET_OWNER_ENFORCED), 400,
                "InvalidBucketAclWithObjectOwnership");
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        setOwnership(s3, bucket, ObjectOwnership.BUCKET_OWNER_ENFORCED);
    }

    @Test
    void createBucket_withObjectOwnership_keepsIt_andRefusesAPublicAclWithEnforced() {
        String bucket = freshName("owned");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED));
        assertThat(s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules())
                .extracting(r -> r.objectOwnership()).containsExactly(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        String refused = freshName("refused");
        assertS3Error(() -> s3.createBucket(b -> b.bucket(refused).objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .acl(BucketCannedACL.PUBLIC_READ)), 400, "InvalidBucketAclWithObjectOwnership");
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(refused)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
