package dev.stowage.ostor;

import static dev.stowage.ostor.OstorCalls.anonymous;
import static dev.stowage.ostor.OstorCalls.call;
import static dev.stowage.ostor.OstorUsersIT.assertOstorError;
import static dev.stowage.ostor.OstorUsersIT.createUser;
import static dev.stowage.ostor.OstorUsersIT.eventually;
import static dev.stowage.ostor.OstorUsersIT.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ostor.OstorCalls.Signing;
import dev.stowage.ostor.OstorUsersIT.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ostor-limits service through RestAssured, signed with Signature V2 as the seed's {@code s3_curl} signs (and
 * V4 by the AWS SDK's signer): set, query and delete for a user (by email and by id) and for a bucket, in the
 * guide's form and the older one; the exact JSON of the guide (3.3.3); every refusal, which changes nothing.
 */
@QuarkusTest
class OstorLimitsIT {
    private static final String ZERO = json("0.00", "0.00", "0.00", "0.00", "0.00", "0");

    /** The limits JSON with its whitespace removed, in the guide's key order. */
    private static String json(String dflt, String get, String put, String list, String delete, String out) {
        return "{\"ops:default\":\"" + dflt + "\",\"ops:get\":\"" + get + "\",\"ops:put\":\"" + put
                + "\",\"ops:list\":\"" + list + "\",\"ops:delete\":\"" + delete + "\",\"bandwidth:out\":\"" + out
                + "\"}";
    }

    /** A 200 answer's JSON, whitespace removed (no key or value of it holds any), so the key order shows. */
    private static String limitsOf(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.asString().replaceAll("\\s+", "");
    }

    private static String bucketName(String prefix, Signing signing) {
        return prefix + "-" + signing.name().toLowerCase() + "-" + System.nanoTime() % 1_000_000_000;
    }

    private static void createBucket(Signing signing, User user, String bucket) {
        eventually(200, () -> call(signing, user.key(), user.secret(), "PUT", "/" + bucket));
    }

    // ---- the guide's requests ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void userLimits_setQueryDelete_asTheGuideShows(Signing signing) {
        User user = createUser(signing, newEmail("limits"));
        String subject = "/?ostor-limits&emailAddress=" + user.email();

        assertThat(limitsOf(call(signing, "GET", subject))).isEqualTo(ZERO);
        assertThat(limitsOf(call(signing, "PUT", subject + "&limit-type=ops&limit-resource=get&limit-value=3600")))
                .isEqualTo(json("0.00", "3600.00", "0.00", "0.00", "0.00", "0"));
        assertThat(limitsOf(call(signing, "PUT", subject + "&limit-type=bandwidth&limit-resource=out&limit-value=100")))
                .isEqualTo(json("0.00", "3600.00", "0.00", "0.00", "0.00", "100"));

        Response query = call(signing, "GET", subject);
        assertThat(limitsOf(query)).isEqualTo(json("0.00", "3600.00", "0.00", "0.00", "0.00", "100"));
        // pretty-printed as the guide prints it: one member per line
        assertThat(query.asString()).contains("\n    \"ops:get\": \"3600.00\",\n");

        assertThat(limitsOf(call(signing, "DELETE", subject))).isEqualTo(ZERO);
        assertThat(limitsOf(call(signing, "GET", subject))).isEqualTo(ZERO);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void bucketLimits_setQueryDelete_asTheGuideShows(Signing signing) {
        User owner = createUser(signing, newEmail("bucket-limits"));
        String bucket = bucketName("lim", signing);
        createBucket(signing, owner, bucket);
        String subject = "/?ostor-limits&bucket=" + bucket;

        call(signing, "PUT", subject + "&limit-type=ops&limit-resource=get&limit-value=3600");
        call(signing, "PUT", subject + "&limit-type=bandwidth&limit-resource=out&limit-value=100");

        assertThat(limitsOf(call(signing, "GET", subject)))
                .isEqualTo(json("0.00", "3600.00", "0.00", "0.00", "0.00", "100"));
        // the bucket's limits are its own, not its owner's
        assertThat(limitsOf(call(signing, "GET", "/?ostor-limits&emailAddress=" + owner.email()))).isEqualTo(ZERO);
        assertThat(limitsOf(call(signing, "DELETE", subject))).isEqualTo(ZERO);
        assertThat(limitsOf(call(signing, "GET", subject))).isEqualTo(ZERO);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void everyResource_theIdSelectorAndFractions(Signing signing) {
        User user = createUser(signing, newEmail("every"));
        String byId = "/?ostor-limits&id=" + user.id();

        call(signing, "PUT", byId + "&limit-type=ops&limit-resource=default&limit-value=1");
        call(signing, "PUT", byId + "&limit-type=ops&limit-resource=get&limit-value=2.5");
        call(signing, "PUT", byId + "&limit-type=ops&limit-resource=put&limit-value=3.00");
        call(signing, "PUT", byId + "&limit-type=ops&limit-resource=list&limit-value=0.125");
        call(signing, "PUT", byId + "&limit-type=ops&limit-resource=delete&limit-value=5");
        Response last = call(signing, "PUT", byId + "&limit-type=bandwidth&limit-resource=out&limit-value=2048");

        String all = json("1.00", "2.50", "3.00", "0.13", "5.00", "2048");
        assertThat(limitsOf(last)).isEqualTo(all);
        assertThat(limitsOf(call(signing, "GET", "/?ostor-limits&emailAddress=" + user.email()))).isEqualTo(all);

        // 0 removes one limit
        assertThat(limitsOf(call(signing, "PUT", byId + "&limit-type=ops&limit-resource=put&limit-value=0")))
                .isEqualTo(json("1.00", "2.50", "0.00", "0.13", "5.00", "2048"));
        assertThat(limitsOf(call(signing, "DELETE", byId))).isEqualTo(ZERO);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void theOlderForm_setsTheSameLimits(Signing signing) {
        User user = createUser(signing, newEmail("older"));
        String bucket = bucketName("lim-old", signing);
        createBucket(signing, user, bucket);
        String subject = "/?ostor-limits&emailAddress=" + user.email();

        call(signing, "PUT", subject + "&ops&get=3600");
        call(signing, "PUT", subject + "&ops&default=10");
        assertThat(limitsOf(call(signing, "PUT", subject + "&bandwidth&out=100")))
                .isEqualTo(json("10.00", "3600.00", "0.00", "0.00", "0.00", "100"));

        assertThat(limitsOf(call(signing, "PUT", "/?ostor-limits&bucket=" + bucket + "&ops&list=7")))
                .isEqualTo(json("0.00", "0.00", "0.00", "7.00", "0.00", "0"));
        assertThat(limitsOf(call(signing, "PUT", "/?ostor-limits&bucket=" + bucket + "&bandwidth&out=1")))
                .isEqualTo(json("0.00", "0.00", "0.00", "7.00", "0.00", "1"));
    }

    // ---- refusals -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void unknownUserOrBucket_is404(Signing signing) {
        String nobody = newEmail("nobody");
        assertOstorError(call(signing, "GET", "/?ostor-limits&emailAddress=" + nobody), 404, "NoSuchUser");
        assertOstorError(call(signing, "PUT", "/?ostor-limits&emailAddress=" + nobody
                + "&limit-type=ops&limit-resource=get&limit-value=1"), 404, "NoSuchUser");
        assertOstorError(call(signing, "DELETE", "/?ostor-limits&emailAddress=" + nobody), 404, "NoSuchUser");
        assertOstorError(call(signing, "GET", "/?ostor-limits&id=ffffffffffffff00"), 404, "NoSuchUser");

        String none = bucketName("no-such", signing);
        assertOstorError(call(signing, "GET", "/?ostor-limits&bucket=" + none), 404, "NoSuchBucket");
        assertOstorError(call(signing, "PUT", "/?ostor-limits&bucket=" + none + "&bandwidth&out=100"), 404,
                "NoSuchBucket");
        assertOstorError(call(signing, "DELETE", "/?ostor-limits&bucket=" + none), 404, "NoSuchBucket");
        // nor did the refused PUT create the bucket's limits for later
        assertOstorError(call(signing, "GET", "/?ostor-limits&bucket=" + none), 404, "NoSuchBucket");
    }

    @Test
    void badRequests_are400WithAClearMessage_andChangeNothing() {
        Signing signing = Signing.V2;
        User user = createUser(signing, newEmail("refused"));
        String bucket = bucketName("lim-bad", signing);
        createBucket(signing, user, bucket);
        String subject = "/?ostor-limits&emailAddress=" + user.email();
        call(signing, "PUT", subject + "&limit-type=ops&limit-resource=get&limit-value=10");
        call(signing, "PUT", subject + "&limit-type=bandwidth&limit-resource=out&limit-value=50");
        String before = json("0.00", "10.00", "0.00", "0.00", "0.00", "50");

        String ops = "&limit-type=ops&limit-resource=get&limit-value=";
        String bw = "&limit-type=bandwidth&limit-resource=out&limit-value=";
        List<String> refused = List.of(
                subject + ops + "-1", subject + ops + "NaN", subject + ops + "abc", subject + ops + "1e3",
                subject + ops + "0.001", subject + ops + "1000000001", subject + ops, subject
                        + "&limit-type=ops&limit-resource=get",
                subject + bw + "1.5", subject + bw + "-100", subject + bw + "ten",
                subject + "&limit-type=iops&limit-resource=get&limit-value=1",
                subject + "&limit-type=ops&limit-resource=head&limit-value=1",
                subject + "&limit-type=bandwidth&limit-resource=in&limit-value=1",
                subject + "&ops&get=-5", subject + "&ops&get=1&put=2", subject + "&ops&out=100",
                subject + "&bandwidth&out=1.5", subject + "&ops&get=1" + ops + "1", subject,
                subject + "&bucket=" + bucket + ops + "1",
                "/?ostor-limits&bucket=" + bucket + "&emailAddress=" + user.email() + "&ops&get=1",
                "/?ostor-limits" + ops + "1");
        for (String target : refused) {
            Response r = call(signing, "PUT", target);
            assertOstorError(r, 400, "InvalidArgument");
            assertThat(r.header("X-Amz-Err-Message")).as(target).isNotBlank();
        }
        Response negative = call(signing, "PUT", subject + ops + "-1");
        assertThat(negative.header("X-Amz-Err-Message")).contains("ops:get").contains("-1");
        assertOstorError(call(signing, "GET", "/?ostor-limits"), 400, "InvalidArgument");
        assertOstorError(call(signing, "GET", "/?ostor-limits&emailAddress=" + user.email() + "&bucket=" + bucket), 400,
                "InvalidArgument");
        assertOstorError(call(signing, "DELETE", "/?ostor-limits"), 400, "InvalidArgument");
        assertOstorError(call(signing, "DELETE", subject + "&bucket=" + bucket), 400, "InvalidArgument");
        assertOstorError(call(signing, "POST", subject + ops + "1"), 405, "MethodNotAllowed");

        assertThat(limitsOf(call(signing, "GET", subject))).isEqualTo(before);
        assertThat(limitsOf(call(signing, "GET", "/?ostor-limits&bucket=" + bucket))).isEqualTo(ZERO);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void nonSystemUsers_andAnonymous_are403_andChangeNothing(Signing signing) {
        User user = createUser(signing, newEmail("not-system"));
        String subject = "/?ostor-limits&emailAddress=" + user.email();
        eventually(200, () -> call(signing, user.key(), user.secret(), "GET", "/"));

        assertOstorError(call(signing, user.key(), user.secret(), "GET", subject), 403, "AccessDenied");
        assertOstorError(call(signing, user.key(), user.secret(), "PUT",
                subject + "&limit-type=ops&limit-resource=get&limit-value=1"), 403, "AccessDenied");
        assertOstorError(call(signing, user.key(), user.secret(), "DELETE", subject), 403, "AccessDenied");
        // a malformed request teaches a non-system user nothing either
        assertOstorError(call(signing, user.key(), user.secret(), "PUT", subject + "&ops&get=-1"), 403,
                "AccessDenied");
        assertOstorError(anonymous("PUT", subject + "&ops&get=1"), 403, "AccessDenied");

        assertThat(limitsOf(call(signing, "GET", subject))).isEqualTo(ZERO);
    }
}
