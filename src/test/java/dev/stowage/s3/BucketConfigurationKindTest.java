package dev.stowage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.http.RequestHead;
import dev.stowage.metering.S3Actions;
import dev.stowage.s3.S3Operation.DeleteBucketConfiguration;
import dev.stowage.s3.S3Operation.GetBucketConfiguration;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.usage.UsageClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the bucket configurations Stowage does not keep, and the names they are counted under. */
class BucketConfigurationKindTest {

    /** A path-style request head with one bare query word ({@code ?policy}). */
    private static RequestHead head(String method, String bucket, String key, String word) {
        String path = "/" + bucket + (key == null ? "" : "/" + key);
        return new RequestHead(method, path, word, List.of(new RequestHead.QueryParam(word, null)), Map.of(), bucket,
                key, false, "test");
    }

    private static void assertError(Runnable parse, S3ErrorCode expected) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(expected));
    }

    @Test
    void parse_getOfEachKind_isGetBucketConfigurationNamedForItsAwsAction() {
        for (BucketConfigurationKind kind : BucketConfigurationKind.values()) {
            S3Operation op = S3OperationParser.parse(head("GET", "bucket", null, kind.subresource()));
            assertThat(op).as(kind.name()).isEqualTo(new GetBucketConfiguration("bucket", kind));
            assertThat(op.action()).isEqualTo(kind.getAction()).startsWith("Get");
            assertThat(op.permission()).isEqualTo(S3Operation.Permission.OWNER);
        }
        assertThat(S3OperationParser.parse(head("GET", "bucket", null, "object-lock")).action())
                .isEqualTo("GetObjectLockConfiguration");
    }

    @Test
    void parse_deleteOfEachKind_isDeleteBucketConfigurationOrMethodNotAllowedWhereAwsHasNoDelete() {
        for (BucketConfigurationKind kind : BucketConfigurationKind.values()) {
            RequestHead delete = head("DELETE", "bucket", null, kind.subresource());
            if (kind.deleteAction() == null) {
                assertError(() -> S3OperationParser.parse(delete), S3ErrorCode.METHOD_NOT_ALLOWED);
            } else {
                S3Operation op = S3OperationParser.parse(delete);
                assertThat(op).as(kind.name()).isEqualTo(new DeleteBucketConfiguration("bucket", kind));
                assertThat(op.action()).isEqualTo(kind.deleteAction()).startsWith("Delete");
            }
        }
        assertThat(S3OperationParser.parse(head("DELETE", "bucket", null, "lifecycle")).action())
                .isEqualTo("DeleteBucketLifecycle");
    }

    @Test
    void parse_putOfEachKind_andAnyKindOnAnObject_stayNotImplemented() {
        for (BucketConfigurationKind kind : BucketConfigurationKind.values()) {
            assertError(() -> S3OperationParser.parse(head("PUT", "bucket", null, kind.subresource())),
                    S3ErrorCode.NOT_IMPLEMENTED);
            assertError(() -> S3OperationParser.parse(head("GET", "bucket", "key", kind.subresource())),
                    S3ErrorCode.NOT_IMPLEMENTED);
        }
    }

    @Test
    void parse_invalidBucketName_isInvalidBucketName() {
        assertError(() -> S3OperationParser.parse(head("GET", "Bad_Bucket", null, "policy")),
                S3ErrorCode.INVALID_BUCKET_NAME);
    }

    @Test
    void meteringAndUsage_countTheAwsActions_asOtherRequests() {
        assertThat(S3Actions.operationKeys()).contains("s3:GetBucketPolicy", "s3:DeleteBucketPolicy",
                "s3:GetBucketLifecycleConfiguration", "s3:GetPublicAccessBlock", "s3:DeletePublicAccessBlock")
                .doesNotContain("s3:GetBucketConfiguration", "s3:DeleteBucketConfiguration");
        for (String action : BucketConfigurationKind.actions()) {
            assertThat(UsageClass.of(action)).as(action).isEqualTo(UsageClass.OTHER);
        }
    }
}
