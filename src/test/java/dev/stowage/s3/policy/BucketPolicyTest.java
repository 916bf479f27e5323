package dev.stowage.s3.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.policy.BucketPolicy.Decision;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketPolicyTest {
    private static final Set<String> USERS = Set.of("00000000000000aa", "00000000000000bb");

    private static BucketPolicy parse(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", "photos",
                USERS::contains);
    }

    private static PolicyRequest request(String user, String action, String key, String... conditionKeys) {
        Map<String, List<String>> keys = new HashMap<>();
        for (int i = 0; i < conditionKeys.length; i += 2) {
            keys.put(conditionKeys[i].toLowerCase(Locale.ROOT), List.of(conditionKeys[i + 1]));
        }
        return new PolicyRequest(user, action, PolicyRequest.arn("photos", key), keys);
    }

    private static void assertMalformed(String document, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(document, "photos", USERS::contains))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error().code()).isEqualTo("MalformedPolicy");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void publicRead_allowsAnyoneToGetObjects_andSaysNothingOfOtherActions() {
        BucketPolicy policy = parse("""
                {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}""");
        assertThat(policy.decide(request(null, "s3:GetObject", "a/b.jpg"))).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(request("00000000000000aa", "s3:getobject", "x"))).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(request(null, "s3:PutObject", "a/b.jpg"))).isEqualTo(Decision.NONE);
        assertThat(policy.decide(request(null, "s3:ListBucket", null))).isEqualTo(Decision.NONE);
        assertThat(policy.isPublic()).isTrue();
    }

    @Test
    void deny_winsOverAllow_whateverTheirOrder() {
        BucketPolicy policy = parse("""
                {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"arn:aws:s3:::photos/private/*"},
                {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::00000000000000aa:root"]},"Action":["s3:Get*","s3:Put*"],
                 "Resource":["arn:aws:s3:::photos/*"]}""");
        assertThat(policy.decide(request("00000000000000aa", "s3:GetObject", "public/x"))).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(request("00000000000000aa", "s3:GetObject", "private/x"))).isEqualTo(Decision.DENY);
        assertThat(policy.decide(request("00000000000000bb", "s3:GetObject", "public/x"))).isEqualTo(Decision.NONE);
        assertThat(policy.isPublic()).isFalse();
    }

    @Test
    void notPrincipal_notAction_notResource_matchWhatTheirListsDoNotName() {
        BucketPolicy policy = parse("""
                {"Effect":"Deny","NotPrincipal":{"AWS":"00000000000000aa"},"NotAction":"s3:GetObject",
                 "NotResource":"arn:aws:s3:::photos/public/*"}""");
        assertThat(policy.decide(request("00000000000000bb", "s3:PutObject", "x"))).isEqualTo(Decision.DENY);
        assertThat(policy.decide(request(null, "s3:DeleteObject", "x"))).isEqualTo(Decision.DENY);
        assertThat(policy.decide(request("00000000000000aa", "s3:PutObject", "x"))).isEqualTo(Decision.NONE);
        assertThat(policy.decide(request("00000000000000bb", "s3:GetObject", "x"))).isEqualTo(Decision.NONE);
        assertThat(policy.decide(request("00000000000000bb", "s3:PutObject", "public/x"))).isEqualTo(Decision.NONE);
    }

    @Test
    void conditions_allMustHold_andAMissingKeyFailsPositiveOperatorsButSatisfiesNegatedOnes() {
        BucketPolicy policy = parse("""
                {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos",
                 "Condition":{"StringLike":{"s3:prefix":["home/*","shared/"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
                {"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::photos/*",
                 "Condition":{"StringNotEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}""");
        assertThat(policy.decide(request(null, "s3:ListBucket", null, "s3:prefix", "home/ann/", "aws:SourceIp", "10.1.2.3")))
                .isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(request(null, "s3:ListBucket", null, "s3:prefix", "home/ann/", "aws:SourceIp", "11.1.2.3")))
                .isEqualTo(Decision.NONE);
        assertThat(policy.decide(request(null, "s3:ListBucket", null, "aws:SourceIp", "10.1.2.3")))
                .isEqualTo(Decision.NONE);
        assertThat(policy.decide(request("00000000000000aa", "s3:PutObject", "k"))).isEqualTo(Decision.DENY);
        assertThat(policy.decide(request("00000000000000aa", "s3:PutObject", "k", "s3:x-amz-acl", "private")))
                .isEqualTo(Decision.DENY);
        assertThat(policy.decide(request("00000000000000aa", "s3:PutObject", "k", "s3:x-amz-acl",
                "bucket-owner-full-control"))).isEqualTo(Decision.NONE);
        assertThat(policy.isPublic()).as("the Allow is pinned to a source range").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "StringEqualsIfExists|aws:Referer|http://example.com/|http://example.com/|true",
            "StringEqualsIfExists|aws:Referer|http://example.com/||true",
            "StringEqualsIfExists|aws:Referer|http://example.com/|http://other.example/|false",
            "StringEqualsIgnoreCase|s3:x-amz-acl|PRIVATE|private|true",
            "Null|s3:x-amz-server-side-encryption|true||true",
            "Null|s3:x-amz-server-side-encryption|true|AES256|false",
            "Null|s3:x-amz-server-side-encryption|false|AES256|true",
            "NumericLessThanEquals|s3:max-keys|10|10|true",
            "NumericLessThanEquals|s3:max-keys|10|11|false",
            "NumericGreaterThan|s3:max-keys|10|abc|false",
            "Bool|aws:SecureTransport|false|false|true",
            "Bool|aws:SecureTransport|false|true|false",
            "DateGreaterThan|aws:CurrentTime|2020-01-01T00:00:00Z|2026-11-23T10:00:00Z|true",
            "DateLessThan|aws:CurrentTime|2020-01-01|2026-11-23T10:00:00Z|false",
            "NotIpAddress|aws:SourceIp|192.0.2.0/24|192.0.2.77|false",
            "NotIpAddress|aws:SourceIp|192.0.2.0/24|198.51.100.1|true",
            "IpAddress|aws:SourceIp|2001:db8::/32|2001:db8:0:1::5|true",
            "IpAddress|aws:SourceIp|2001:db8::/32|127.0.0.1|false",
            "ForAnyValue:StringEquals|s3:RequestObjectTagKeys|project|project|true",
            "ForAllValues:StringEquals|s3:RequestObjectTagKeys|project||true",
            "ForAnyValue:StringEquals|s3:RequestObjectTagKeys|project||false"})
    void conditionOperators_evaluateAsAwsDocumentsThem(String operator, String key, String expected, String actual,
            boolean holds) {
        BucketPolicy policy = parse("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::photos/*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":\""
                + expected + "\"}}}");
        PolicyRequest r = actual == null ? request(null, "s3:GetObject", "k")
                : request(null, "s3:GetObject", "k", key, actual);
        assertThat(policy.decide(r)).isEqualTo(holds ? Decision.ALLOW : Decision.NONE);
    }

    @Test
    void malformedDocuments_getS3sMessages() {
        assertMalformed("[]", "Policies must be valid JSON and the first byte must be '{'");
        assertMalformed("{\"Statement\":[", "This policy contains invalid Json");
        assertMalformed("{\"Version\":\"2012-10-17\"}", "Missing required field Statement");
        assertMalformed("{\"Statement\":[{\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
                "Missing required field Effect");
        assertMalformed("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
                "Missing required field Principal");
        assertMalformed("{\"Statement\":[{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}",
                "Invalid effect: Permit");
        assertMalformed(statement("\"Principal\":{\"AWS\":\"nobody\"}", "\"s3:GetObject\"", "\"arn:aws:s3:::photos/*\""),
                "Invalid principal in policy");
        assertMalformed(statement("\"Principal\":\"everyone\"", "\"s3:GetObject\"", "\"arn:aws:s3:::photos/*\""),
                "Invalid principal in policy");
        assertMalformed(statement("\"Principal\":\"*\"", "\"s3:Fly\"", "\"arn:aws:s3:::photos/*\""),
                "Policy has invalid action");
        assertMalformed(statement("\"Principal\":\"*\"", "\"invalid_action\"", "\"arn:aws:s3:::photos/*\""),
                "Policy has invalid action");
        assertMalformed(statement("\"Principal\":\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::other/*\""),
                "Policy has invalid resource");
        assertMalformed(statement("\"Principal\":\"*\"", "\"s3:GetObject\"", "\"photos/*\""),
                "Policy has invalid resource");
        assertMalformed(statement("\"Principal\":\"*\"", "\"s3:PutObject\"", "\"arn:aws:s3:::photos\""),
                "Action does not apply to any resource(s) in statement");
        assertMalformed(statement("\"Principal\":\"*\"", "\"s3:ListBucket\"", "\"arn:aws:s3:::photos/*\""),
                "Action does not apply to any resource(s) in statement");
        assertMalformed("{\"Statement\":[],\"Extra\":1}", "Unknown field Extra");
    }

    @Test
    void validDocuments_withWildcardsAndKnownPrincipals_areAccepted() {
        PolicyParser.parse(statement("\"Principal\":{\"CanonicalUser\":\"00000000000000bb\"}", "[\"s3:List*\",\"s3:GetObject\"]",
                "[\"arn:aws:s3:::photos\",\"arn:aws:s3:::photos/*\"]"), "photos", USERS::contains);
        PolicyParser.parse(statement("\"Principal\":{\"AWS\":\"arn:aws:iam::00000000000000aa:user/ann\"}", "\"*\"",
                "\"arn:aws:s3:::*\""), "photos", USERS::contains);
        PolicyParser.parse(statement("\"Principal\":\"*\"", "\"s3:*\"", "\"arn:aws:s3:::pho*\""), "photos",
                USERS::contains);
    }

    private static String statement(String principal, String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + principal + ",\"Action\":" + action
                + ",\"Resource\":" + resource + "}}";
    }

    @Test
    void wildcards_matchRunsAndSingleCharacters() {
        assertThat(Wildcards.matches("a*c", "abbbc", false)).isTrue();
        assertThat(Wildcards.matches("a*c", "ab", false)).isFalse();
        assertThat(Wildcards.matches("a?c", "abc", false)).isTrue();
        assertThat(Wildcards.matches("a?c", "ac", false)).isFalse();
        assertThat(Wildcards.matches("*", "", false)).isTrue();
        assertThat(Wildcards.matches("S3:GET*", "s3:GetObject", true)).isTrue();
        assertThat(Wildcards.matches("S3:GET*", "s3:GetObject", false)).isFalse();
    }
}
