package dev.stowage.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static PostPolicy policy(String json) {
        return PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertError(Runnable call, S3ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void check_conditionsWithAnyCaseOfNamesAndOperations_acceptTheForm() {
        PostPolicy policy = policy("""
                {"expiration": "2026-11-23T13:00:00.000Z", "conditions": [{"bUcKeT": "b"},
                 ["StArTs-WiTh", "$KeY", "user/"], ["eq", "$acl", "private"], ["starts-with", "$x-amz-meta-a", ""]]}""");

        policy.check(Map.of("bucket", "b", "key", "user/k", "acl", "private", "x-amz-meta-a", "anything",
                "policy", "p", "signature", "s", "awsaccesskeyid", "a", "x-ignore-z", "z"), NOW);
    }

    @Test
    void check_expiredOrFailingOrUncovered_isAccessDeniedWordedAsAws() {
        PostPolicy policy = policy("""
                {"expiration": "2026-11-23T13:00:00Z", "conditions": [{"bucket": "b"}, ["starts-with", "$key", "user/"]]}""");

        assertError(() -> policy.check(Map.of("bucket", "b", "key", "user/k"), Instant.parse("2026-11-23T13:00:01Z")),
                S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: Policy expired.");
        assertError(() -> policy.check(Map.of("bucket", "b", "key", "other"), NOW), S3ErrorCode.ACCESS_DENIED,
                "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/\"]");
        assertError(() -> policy.check(Map.of("bucket", "b", "key", "user/k", "acl", "private"), NOW),
                S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: Extra input fields: acl");
    }

    @Test
    void parse_malformedDocuments_areInvalidPolicyDocument() {
        String expiration = "\"expiration\": \"2026-11-23T13:00:00Z\"";
        for (String json : new String[] {"not json", "{\"conditions\": []}", "{" + expiration + "}",
                "{\"expiration\": \"2026-11-23 13:00:00+00:00\", \"conditions\": []}",
                "{" + expiration + ", \"conditions\": [{}]}",
                "{" + expiration + ", \"conditions\": [[\"content-length-range\", 0]]}",
                "{" + expiration + ", \"conditions\": [[\"content-length-range\", -1, 0]]}",
                "{" + expiration + ", \"conditions\": [[\"eq\", \"key\", \"no dollar\"]]}"}) {
            assertError(() -> policy(json), S3ErrorCode.INVALID_POLICY_DOCUMENT, "Invalid Policy");
        }
    }

    @Test
    void limit_contentLengthRange_refusesTooSmallAtTheEndAndTooLargeAtOnce() {
        PostPolicy policy = policy("""
                {"expiration": "2026-11-23T13:00:00Z", "conditions": [["content-length-range", 4, 8]]}""");

        assertError(() -> readAll(policy, "abc"), S3ErrorCode.ENTITY_TOO_SMALL, "");
        assertError(() -> readAll(policy, "123456789"), S3ErrorCode.ENTITY_TOO_LARGE, "");
        assertThat(readAll(policy, "12345678")).isEqualTo("12345678");
    }

    private static String readAll(PostPolicy policy, String content) {
        try {
            return new String(policy.limit(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
