package dev.stowage.ostor;

import static dev.stowage.ostor.OstorCalls.anonymous;
import static dev.stowage.ostor.OstorCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ostor.OstorCalls.Signing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ostor-users service through RestAssured, every scenario signed both ways: Signature V2 as the seed's
 * {@code s3_curl} signs it, and Signature V4 by the AWS SDK's signer. Covers each action and its JSON shape, each
 * error (status, {@code X-Amz-Err-Code}, {@code X-Amz-Err-Message}, JSON body), the system-only rule, and what a
 * change does to the user's own S3 requests.
 */
@QuarkusTest
class OstorUsersIT {
    private static final AtomicInteger USERS = new AtomicInteger();
    /** How long a change (disable, revoke, delete) may take to reach the credential cache: "within a second". */
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A fresh, unique email address. */
    static String newEmail(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000 + "-" + USERS.incrementAndGet() + "@example.com";
    }

    /** A created user: email, id and its first key. */
    record User(String email, String id, String key, String secret) {}

    static User createUser(Signing signing, String email) {
        Response r = call(signing, "PUT", "/?ostor-users&emailAddress=" + email);
        assertThat(r.statusCode()).as("create %s: %s", email, r.asString()).isEqualTo(200);
        return new User(email, r.jsonPath().getString("UserId"),
                r.jsonPath().getString("AWSAccessKeys[0].AWSAccessKeyId"),
                r.jsonPath().getString("AWSAccessKeys[0].AWSSecretAccessKey"));
    }

    static void assertOstorError(Response r, int status, String code) {
        assertThat(r.statusCode()).as("status of %s", r.asString()).isEqualTo(status);
        assertThat(r.header("X-Amz-Err-Code")).isEqualTo(code);
        assertThat(r.header("X-Amz-Err-Message")).as("readable message").isNotBlank();
        assertThat(r.header("x-amz-request-id")).isNotBlank();
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("Code")).isEqualTo(code);
        assertThat(r.jsonPath().getString("Message")).isEqualTo(r.header("X-Amz-Err-Message"));
        assertThat(r.jsonPath().getString("RequestId")).isEqualTo(r.header("x-amz-request-id"));
    }

    /** Polls {@code request} until it answers {@code status}, for at most {@link #PROPAGATION}. */
    static Response eventually(int status, Supplier<Response> request) {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        Response r = request.get();
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            sleep(20);
            r = request.get();
        }
        assertThat(r.statusCode()).as("within %s: %s", PROPAGATION, r.asString()).isEqualTo(status);
        return r;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ListAllMyBuckets with the user's own key: the S3 side of a user's state. */
    static Response listMyBuckets(Signing signing, String key, String secret) {
        return call(signing, key, secret, "GET", "/");
    }

    // ---- create -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_answersEmailIdAndItsFirstKeyAsElementZero(Signing signing) {
        String email = newEmail("create");
        Response r = call(signing, "PUT", "/?ostor-users&emailAddress=" + email);

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.header("x-amz-request-id")).isNotBlank();
        Map<String, Object> body = r.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("UserEmail", "UserId", "AWSAccessKeys");
        assertThat(body.get("UserEmail")).isEqualTo(email);
        String id = (String) body.get("UserId");
        assertThat(id).matches("[0-9a-f]{16}");
        List<Map<String, Object>> keys = r.jsonPath().getList("AWSAccessKeys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).containsOnlyKeys("AWSAccessKeyId", "AWSSecretAccessKey");
        assertThat((String) keys.get(0).get("AWSAccessKeyId")).matches(id + "[A-Z0-9]{4}");
        assertThat((String) keys.get(0).get("AWSSecretAccessKey")).hasSize(40);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_theNewKeyWorksForS3Requests(Signing signing) {
        User user = createUser(signing, newEmail("works"));

        Response r = eventually(200, () -> listMyBuckets(signing, user.key(), user.secret()));

        assertThat(r.asString()).contains("<ID>" + user.id() + "</ID>");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_sameEmailTwice_is409UserAlreadyExists(Signing signing) {
        String email = newEmail("twice");
        createUser(signing, email);

        assertOstorError(call(signing, "PUT", "/?ostor-users&emailAddress=" + email), 409, "UserAlreadyExists");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_invalidEmail_is400InvalidEmail(Signing signing) {
        assertOstorError(call(signing, "PUT", "/?ostor-users&emailAddress=not-an-email"), 400, "InvalidEmail");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_withoutEmailOrById_is400(Signing signing) {
        assertOstorError(call(signing, "PUT", "/?ostor-users"), 400, "InvalidArgument");
        assertOstorError(call(signing, "PUT", "/?ostor-users&id=0123456789abcdef"), 400, "InvalidArgument");
        assertOstorError(call(signing, "PUT", "/?ostor-users&emailAddress="), 400, "InvalidArgument");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createUser_system_isFlaggedSystem_andMayCallTheService(Signing signing) {
        User admin = createUser(signing, newEmail("admin"));
        Response created = call(signing, "PUT", "/?ostor-users&emailAddress=" + newEmail("sys") + "&system");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        String key = created.jsonPath().getString("AWSAccessKeys[0].AWSAccessKeyId");
        String secret = created.jsonPath().getString("AWSAccessKeys[0].AWSSecretAccessKey");

        Response shown = call(signing, "GET", "/?ostor-users&id=" + created.jsonPath().getString("UserId"));
        assertThat(shown.jsonPath().getList("Flags")).containsExactly("system");
        Response plain = call(signing, "GET", "/?ostor-users&id=" + admin.id());
        assertThat(plain.jsonPath().getList("Flags")).isEmpty();

        Response asNewSystemUser = eventually(200, () -> call(signing, key, secret, "GET", "/?ostor-users"));
        assertThat(asNewSystemUser.jsonPath().getList("UserEmail")).contains(admin.email());
    }

    // ---- list and query ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void listUsers_isABareArrayOfEmailIdStateOwner(Signing signing) {
        User user = createUser(signing, newEmail("listed"));

        Response r = call(signing, "GET", "/?ostor-users");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.asString().strip()).startsWith("[");
        List<Map<String, Object>> users = r.jsonPath().getList("$");
        assertThat(users).allSatisfy(u -> assertThat(u).containsOnlyKeys("UserEmail", "UserId", "State", "OwnerId"));
        assertThat(users).contains(Map.of("UserEmail", user.email(), "UserId", user.id(), "State", "enabled",
                "OwnerId", "0000000000000000"));
        assertThat(users).extracting(u -> u.get("UserId")).contains(OstorCalls.SYSTEM_KEY.substring(0, 16));
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void getUser_byEmailOrId_showsStateOwnerFlagsAndKeys(Signing signing) {
        User user = createUser(signing, newEmail("query"));

        for (String selector : List.of("emailAddress=" + user.email(), "id=" + user.id())) {
            Response r = call(signing, "GET", "/?ostor-users&" + selector);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
            Map<String, Object> body = r.jsonPath().getMap("$");
            assertThat(body).containsOnlyKeys("UserEmail", "UserId", "State", "OwnerId", "Flags", "AWSAccessKeys");
            assertThat(body).containsEntry("UserEmail", user.email()).containsEntry("UserId", user.id())
                    .containsEntry("State", "enabled").containsEntry("OwnerId", "0000000000000000")
                    .containsEntry("Flags", List.of());
            assertThat(r.jsonPath().getList("AWSAccessKeys")).containsExactly(
                    Map.of("AWSAccessKeyId", user.key(), "AWSSecretAccessKey", user.secret()));
        }
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void getUser_unknownEmailOrId_is404NoSuchUser(Signing signing) {
        assertOstorError(call(signing, "GET", "/?ostor-users&emailAddress=" + newEmail("nobody")), 404, "NoSuchUser");
        assertOstorError(call(signing, "GET", "/?ostor-users&id=ffffffffffffff00"), 404, "NoSuchUser");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void anyAction_emailAndIdTogether_is400(Signing signing) {
        User user = createUser(signing, newEmail("both"));
        String both = "&emailAddress=" + user.email() + "&id=" + user.id();

        assertOstorError(call(signing, "GET", "/?ostor-users" + both), 400, "InvalidArgument");
        assertOstorError(call(signing, "POST", "/?ostor-users" + both + "&disable"), 400, "InvalidArgument");
        assertOstorError(call(signing, "DELETE", "/?ostor-users" + both), 400, "InvalidArgument");
        assertOstorError(call(signing, "GET", "/?ostor-buckets" + both), 400, "InvalidArgument");
        assertThat(call(signing, "GET", "/?ostor-users&id=" + user.id()).jsonPath().getString("State"))
                .isEqualTo("enabled");
    }

    // ---- disable / enable ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void disable_refusesTheUsersRequestsWith403_andEnableRestoresThem(Signing signing) {
        User user = createUser(signing, newEmail("client"));
        eventually(200, () -> listMyBuckets(signing, user.key(), user.secret()));

        Response disabled = call(signing, "POST", "/?ostor-users&emailAddress=" + user.email() + "&disable");
        assertThat(disabled.statusCode()).as(disabled.asString()).isEqualTo(200);
        assertThat(disabled.asString()).isEmpty();
        assertThat(call(signing, "GET", "/?ostor-users&emailAddress=" + user.email()).jsonPath().getString("State"))
                .isEqualTo("disabled");
        eventually(403, () -> listMyBuckets(signing, user.key(), user.secret()));

        Response enabled = call(signing, "POST", "/?ostor-users&id=" + user.id() + "&enable");
        assertThat(enabled.statusCode()).as(enabled.asString()).isEqualTo(200);
        assertThat(enabled.asString()).isEmpty();
        assertThat(call(signing, "GET", "/?ostor-users&id=" + user.id()).jsonPath().getString("State"))
                .isEqualTo("enabled");
        eventually(200, () -> listMyBuckets(signing, user.key(), user.secret()));
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void disable_unknownUser_is404(Signing signing) {
        assertOstorError(call(signing, "POST", "/?ostor-users&emailAddress=" + newEmail("ghost") + "&disable"), 404,
                "NoSuchUser");
    }

    // ---- keys ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void genKey_answersTheNewPairOnly_andAThirdKeyIsRefused(Signing signing) {
        User user = createUser(signing, newEmail("keys"));

        Response r = call(signing, "POST", "/?ostor-users&emailAddress=" + user.email() + "&genKey");

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        Map<String, Object> body = r.jsonPath().getMap("$");
        assertThat(body).containsOnlyKeys("UserEmail", "UserId", "AWSAccessKeys")
                .containsEntry("UserEmail", user.email()).containsEntry("UserId", user.id());
        List<Map<String, String>> keys = r.jsonPath().getList("AWSAccessKeys");
        assertThat(keys).hasSize(1);
        String newKey = keys.get(0).get("AWSAccessKeyId");
        String newSecret = keys.get(0).get("AWSSecretAccessKey");
        assertThat(newKey).matches(user.id() + "[A-Z0-9]{4}").isNotEqualTo(user.key());
        assertThat(newSecret).hasSize(40);

        List<Map<String, String>> shown = call(signing, "GET", "/?ostor-users&id=" + user.id()).jsonPath()
                .getList("AWSAccessKeys");
        assertThat(shown).extracting(k -> k.get("AWSAccessKeyId")).containsExactly(user.key(), newKey);
        eventually(200, () -> listMyBuckets(signing, newKey, newSecret));

        assertOstorError(call(signing, "POST", "/?ostor-users&emailAddress=" + user.email() + "&genKey"), 409,
                "TooManyAccessKeys");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void revokeKey_stopsThatKeyAtOnce_andLeavesTheOther(Signing signing) {
        User user = createUser(signing, newEmail("revoke"));
        Response gen = call(signing, "POST", "/?ostor-users&id=" + user.id() + "&genKey");
        String second = gen.jsonPath().getString("AWSAccessKeys[0].AWSAccessKeyId");
        String secondSecret = gen.jsonPath().getString("AWSAccessKeys[0].AWSSecretAccessKey");
        eventually(200, () -> listMyBuckets(signing, user.key(), user.secret()));

        Response r = call(signing, "POST", "/?ostor-users&emailAddress=" + user.email() + "&revokeKey=" + user.key());

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.asString()).isEmpty();
        eventually(403, () -> listMyBuckets(signing, user.key(), user.secret()));
        assertThat(listMyBuckets(signing, second, secondSecret).statusCode()).isEqualTo(200);
        assertThat(call(signing, "GET", "/?ostor-users&id=" + user.id()).jsonPath().getList("AWSAccessKeys"))
                .containsExactly(Map.of("AWSAccessKeyId", second, "AWSSecretAccessKey", secondSecret));
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void revokeKey_unknownOrMissingKey_is404Or400(Signing signing) {
        User user = createUser(signing, newEmail("nokey"));
        String base = "/?ostor-users&emailAddress=" + user.email();

        assertOstorError(call(signing, "POST", base + "&revokeKey=" + user.id() + "ZZZZ"), 404, "NoSuchAccessKey");
        assertOstorError(call(signing, "POST", base + "&revokeKey"), 400, "InvalidArgument");
        assertOstorError(call(signing, "POST", base + "&revokeKey="), 400, "InvalidArgument");
    }

    // ---- delete -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void deleteUser_refusedWhileItOwnsABucket_thenGoneWithItsKeys(Signing signing) {
        User user = createUser(signing, newEmail("owner"));
        String bucket = "ostor-owned-" + signing.name().toLowerCase() + "-" + System.nanoTime() % 1_000_000_000;
        Response made = eventually(200, () -> call(signing, user.key(), user.secret(), "PUT", "/" + bucket));
        assertThat(made.statusCode()).isEqualTo(200);

        assertOstorError(call(signing, "DELETE", "/?ostor-users&emailAddress=" + user.email()), 409,
                "UserOwnsBuckets");
        assertThat(call(signing, "GET", "/?ostor-users&id=" + user.id()).statusCode()).isEqualTo(200);

        assertThat(call(signing, user.key(), user.secret(), "DELETE", "/" + bucket).statusCode()).isEqualTo(204);
        Response deleted = call(signing, "DELETE", "/?ostor-users&emailAddress=" + user.email());
        assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(204);
        assertThat(deleted.asString()).isEmpty();

        assertOstorError(call(signing, "GET", "/?ostor-users&id=" + user.id()), 404, "NoSuchUser");
        eventually(403, () -> listMyBuckets(signing, user.key(), user.secret()));
        assertOstorError(call(signing, "DELETE", "/?ostor-users&id=" + user.id()), 404, "NoSuchUser");
    }

    // ---- who may call -------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void everyAction_signedByANormalUser_is403AccessDenied(Signing signing) {
        User user = createUser(signing, newEmail("normal"));
        eventually(200, () -> listMyBuckets(signing, user.key(), user.secret()));
        String k = user.key();
        String s = user.secret();
        String me = "/?ostor-users&emailAddress=" + user.email();

        assertOstorError(call(signing, k, s, "GET", "/?ostor-users"), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "GET", me), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "PUT", "/?ostor-users&emailAddress=" + newEmail("x")), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "PUT", "/?ostor-users&emailAddress=" + newEmail("x") + "&system"), 403,
                "AccessDenied");
        assertOstorError(call(signing, k, s, "POST", me + "&enable"), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "POST", me + "&genKey"), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "POST", me + "&revokeKey=" + k), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "DELETE", me), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "GET", "/?ostor-buckets"), 403, "AccessDenied");
        // a malformed request or an unknown service teaches a non-system user nothing either
        assertOstorError(call(signing, k, s, "GET", me + "&id=" + user.id()), 403, "AccessDenied");
        assertOstorError(call(signing, k, s, "GET", "/?ostor-limits&emailAddress=" + user.email()), 403, "AccessDenied");

        Response self = call(signing, "GET", "/?ostor-users&id=" + user.id());
        assertThat(self.jsonPath().getList("AWSAccessKeys")).hasSize(1);
        assertThat(self.jsonPath().getString("State")).isEqualTo("enabled");
    }

    @org.junit.jupiter.api.Test
    void anonymousRequest_is403AccessDenied() {
        assertOstorError(anonymous("GET", "/?ostor-users"), 403, "AccessDenied");
        assertOstorError(anonymous("PUT", "/?ostor-users&emailAddress=" + newEmail("anon")), 403, "AccessDenied");
        assertOstorError(anonymous("GET", "/?ostor-users&emailAddress=a@b.c&id=0123456789abcdef"), 403, "AccessDenied");
    }

    @org.junit.jupiter.api.Test
    void wrongSecret_isSignatureDoesNotMatch_inTheOstorFormat() {
        Response r = OstorCalls.v2(OstorCalls.SYSTEM_KEY, "wrong" + OstorCalls.SYSTEM_SECRET, "GET", "/?ostor-users");

        assertOstorError(r, 403, "SignatureDoesNotMatch");
        assertThat(r.jsonPath().getString("StringToSign")).endsWith("\n/?ostor-users");
    }

    @org.junit.jupiter.api.Test
    void v2SignatureOverTheWholeQuery_isRefused() {
        // The seed's clients sign "/" + the first query word only; a signature over more is not theirs.
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(
                java.time.ZoneOffset.UTC));
        String signature = OstorCalls.base64HmacSha1(OstorCalls.SYSTEM_SECRET,
                "GET\n\n\n" + date + "\n/?ostor-users&emailAddress=a@b.c");
        Response r = io.restassured.RestAssured.given().urlEncodingEnabled(false).header("Date", date)
                .header("Authorization", "AWS " + OstorCalls.SYSTEM_KEY + ":" + signature)
                .get("/?ostor-users&emailAddress=a@b.c");

        assertOstorError(r, 403, "SignatureDoesNotMatch");
    }

    @org.junit.jupiter.api.Test
    void unknownAccessKey_isInvalidAccessKeyId() {
        assertOstorError(OstorCalls.v2("ffffffffffffffffNONE", "x".repeat(40), "GET", "/?ostor-users"), 403,
                "InvalidAccessKeyId");
    }

    // ---- malformed requests ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Signing.class)
    void otherOstorServices_areNotImplemented(Signing signing) {
        assertOstorError(call(signing, "GET", "/?ostor-something"), 501, "NotImplemented");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void ostorOnABucketPath_is400(Signing signing) {
        assertOstorError(call(signing, "GET", "/some-bucket?ostor-users"), 400, "InvalidArgument");
        assertOstorError(call(signing, "GET", "/some-bucket/key?ostor-users"), 400, "InvalidArgument");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void actionsWithTheWrongMethodOrShape_are400Or405(Signing signing) {
        User user = createUser(signing, newEmail("shape"));
        String me = "/?ostor-users&emailAddress=" + user.email();

        assertOstorError(call(signing, "POST", me), 400, "InvalidArgument");
        assertOstorError(call(signing, "POST", "/?ostor-users&disable"), 400, "InvalidArgument");
        assertOstorError(call(signing, "POST", me + "&disable&enable"), 400, "InvalidArgument");
        assertOstorError(call(signing, "GET", me + "&disable"), 400, "InvalidArgument");
        assertOstorError(call(signing, "PUT", me + "&genKey"), 400, "InvalidArgument");
        assertOstorError(call(signing, "DELETE", "/?ostor-users"), 400, "InvalidArgument");
        assertOstorError(call(signing, "DELETE", "/?ostor-users&ostor-buckets"), 400, "InvalidArgument");
        assertOstorError(call(signing, "PUT", me + "x&system=maybe"), 400, "InvalidArgument");
        assertOstorError(call(signing, "PATCH", me), 405, "MethodNotAllowed");
        assertOstorError(call(signing, "POST", "/?ostor-buckets"), 405, "MethodNotAllowed");

        Response head = call(signing, "HEAD", "/?ostor-users");
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.header("X-Amz-Err-Code")).isEqualTo("MethodNotAllowed");
        assertThat(head.asString()).isEmpty();
        assertThat(call(signing, "GET", "/?ostor-users&id=" + user.id()).jsonPath().getString("State"))
                .isEqualTo("enabled");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void emailsAreMatchedAsSent_percentEncodedOrNot(Signing signing) {
        String email = newEmail("encoded");
        Response created = call(signing, "PUT", "/?ostor-users&emailAddress=" + email.replace("@", "%40"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
        assertThat(created.jsonPath().getString("UserEmail")).isEqualTo(email);

        assertThat(call(signing, "GET", "/?ostor-users&emailAddress=" + email).jsonPath().getString("UserId"))
                .isEqualTo(created.jsonPath().getString("UserId"));
    }
}
