package dev.stowage.ostor;

import static dev.stowage.ostor.OstorCalls.call;
import static dev.stowage.ostor.OstorUsersIT.assertOstorError;
import static dev.stowage.ostor.OstorUsersIT.createUser;
import static dev.stowage.ostor.OstorUsersIT.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.it.S3TestSupport;
import dev.stowage.metering.MeteringCalls;
import dev.stowage.metering.MeteringServer;
import dev.stowage.ostor.OstorCalls.Signing;
import dev.stowage.ostor.OstorUsersIT.User;
import dev.stowage.usage.UsageRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code POST /?ostor-users&emailAddress=E&grantPermission=utapi:ListMetrics} and {@code &revokePermission=...}
 * through the admin HTTP service, signed with Signature V2 as the seed's {@code s3_curl} signs: the flag in the
 * user's {@code Flags}, who may set it, the error for a permission that does not exist, and what it does to the
 * user's UTAPI ListMetrics calls (SigV4 on the metering port): its own buckets only, and nothing once revoked.
 */
@QuarkusTest
class OstorPermissionsIT extends S3TestSupport {
    private static final String LIST_METRICS = "utapi:ListMetrics";
    private static final long SLOT_MILLIS = 900_000;

    @Inject
    MeteringServer metering;

    @Inject
    UsageRollup rollup;

    private static String user(User user) {
        return "/?ostor-users&emailAddress=" + user.email();
    }

    private static List<String> flags(User user) {
        Response r = call(Signing.V2, "GET", user(user));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getList("Flags");
    }

    private static void set(String action, User user) {
        Response r = call(Signing.V2, "POST", user(user) + "&" + action + "=" + LIST_METRICS);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.asString()).isEmpty();
    }

    /** ListMetrics of the buckets over the current 15-minute slots, signed with the user's key (SigV4). */
    private HttpResponse<String> listMetrics(User user, String... buckets) throws Exception {
        long now = Instant.now().toEpochMilli();
        long start = now - Math.floorMod(now, SLOT_MILLIS) - SLOT_MILLIS;
        long end = now - Math.floorMod(now, SLOT_MILLIS) + SLOT_MILLIS - 1;
        String body = new JsonObject().put("buckets", new JsonArray(List.of((Object[]) buckets)))
                .put("timeRange", new JsonArray().add(start).add(end)).encode();
        return MeteringCalls.utapi(metering.port(), "/buckets", body, user.key(), user.secret());
    }

    private static void assertAccessDenied(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("AccessDenied");
    }

    /** The user's bucket, created with its own key once the gateway knows it (bounded). */
    private String ownBucket(S3Client client) throws InterruptedException {
        String bucket = "utapi-grant-" + System.nanoTime() % 1_000_000_000;
        for (int i = 0; ; i++) {
            try {
                client.createBucket(r -> r.bucket(bucket));
                return bucket;
            } catch (S3Exception e) {
                if (i >= 50 || e.statusCode() != 403) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void grantPermission_signedV2_showsInFlags_letsTheUserListMetricsOfItsOwnBuckets_untilRevoked()
            throws Exception {
        User user = createUser(Signing.V2, newEmail("utapi"));
        String others = newBucket(); // the system user's
        try (S3Client client = client(user.key(), user.secret())) {
            String own = ownBucket(client);
            client.putObject(r -> r.bucket(own).key("a"), RequestBody.fromBytes(new byte[1234]));
            assertThat(flags(user)).isEmpty();
            assertAccessDenied(listMetrics(user, own));

            set("grantPermission", user);
            assertThat(flags(user)).containsExactly(LIST_METRICS);
            set("grantPermission", user);
            assertThat(flags(user)).as("granted twice, listed once").containsExactly(LIST_METRICS);
            assertThat(call(Signing.V2, "GET", "/?ostor-users&id=" + user.id()).jsonPath().getList("Flags"))
                    .containsExactly(LIST_METRICS);

            // the put is in the metrics once the rollup has its count (counted just after its response)
            JsonObject metrics = null;
            for (int i = 0; i < 50; i++) {
                rollup.rollup();
                HttpResponse<String> r = listMetrics(user, own);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                metrics = new JsonArray(r.body()).getJsonObject(0);
                if (metrics.getJsonObject("operations").getLong("s3:PutObject") == 1) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(metrics.getString("bucketName")).isEqualTo(own);
            assertThat(metrics.getJsonObject("operations").getLong("s3:PutObject")).isEqualTo(1);
            assertThat(metrics.getJsonObject("operations").getLong("s3:CreateBucket")).isEqualTo(1);
            assertThat(metrics.getLong("incomingBytes")).as("the body and its framing").isGreaterThanOrEqualTo(1234);

            assertAccessDenied(listMetrics(user, others));
            JsonArray mixed = new JsonArray(listMetrics(user, others, own).body());
            assertThat(mixed).as("only its own of the buckets asked").hasSize(1);
            assertThat(mixed.getJsonObject(0).getString("bucketName")).isEqualTo(own);

            set("revokePermission", user);
            assertThat(flags(user)).isEmpty();
            assertAccessDenied(listMetrics(user, own));
            set("revokePermission", user);
            assertThat(flags(user)).as("revoking what is not granted is fine").isEmpty();
        }
    }

    @Test
    void grantPermission_signedByANonSystemUser_isAccessDenied_andGrantsNothing() {
        User user = createUser(Signing.V2, newEmail("utapi-self"));
        User granted = createUser(Signing.V2, newEmail("utapi-granted"));
        set("grantPermission", granted);
        OstorUsersIT.eventually(200, () -> OstorUsersIT.listMyBuckets(Signing.V2, user.key(), user.secret()));

        assertOstorError(OstorCalls.v2(user.key(), user.secret(), "POST",
                user(user) + "&grantPermission=" + LIST_METRICS), 403, "AccessDenied");
        assertThat(flags(user)).isEmpty();
        // nor may a user holding the permission hand it on or take it away
        OstorUsersIT.eventually(200, () -> OstorUsersIT.listMyBuckets(Signing.V2, granted.key(), granted.secret()));
        assertOstorError(OstorCalls.v2(granted.key(), granted.secret(), "POST",
                user(user) + "&grantPermission=" + LIST_METRICS), 403, "AccessDenied");
        assertOstorError(OstorCalls.v2(user.key(), user.secret(), "POST",
                user(granted) + "&revokePermission=" + LIST_METRICS), 403, "AccessDenied");
        assertThat(flags(user)).isEmpty();
        assertThat(flags(granted)).containsExactly(LIST_METRICS);
    }

    @Test
    void grantPermission_unknownOrMissingPermission_isInvalidArgument_unknownUser_isNoSuchUser() {
        User user = createUser(Signing.V2, newEmail("utapi-bad"));
        for (String action : List.of("grantPermission=utapi:GetStorage", "grantPermission=s3:GetObject",
                "grantPermission=UTAPI:LISTMETRICS", "grantPermission=", "grantPermission",
                "revokePermission=utapi:Nothing")) {
            Response r = call(Signing.V2, "POST", user(user) + "&" + action);
            assertOstorError(r, 400, "InvalidArgument");
            assertThat(r.header("X-Amz-Err-Message")).as(action).contains(LIST_METRICS);
        }
        assertThat(flags(user)).isEmpty();
        assertOstorError(call(Signing.V2, "POST", "/?ostor-users&emailAddress=" + newEmail("nobody")
                + "&grantPermission=" + LIST_METRICS), 404, "NoSuchUser");
        assertOstorError(call(Signing.V2, "POST", "/?ostor-users&id=ffffffffffffff00&revokePermission="
                + LIST_METRICS), 404, "NoSuchUser");
    }
}
