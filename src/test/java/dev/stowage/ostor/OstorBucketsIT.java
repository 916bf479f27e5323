package dev.stowage.ostor;

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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bucket ownership: CreateBucket and DeleteBucket keep the accounts' records, which {@code GET /?ostor-buckets}
 * lists (all, or one user's), and ListAllMyBuckets shows its caller as Owner with ostor's DisplayName.
 */
@QuarkusTest
class OstorBucketsIT {

    private static String bucketName(String prefix, Signing signing) {
        return prefix + "-" + signing.name().toLowerCase() + "-" + System.nanoTime() % 1_000_000_000;
    }

    private static void createBucket(Signing signing, User user, String bucket) {
        Response r = eventually(200, () -> call(signing, user.key(), user.secret(), "PUT", "/" + bucket));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static List<Map<String, Object>> buckets(Signing signing, String query) {
        Response r = call(signing, "GET", "/?ostor-buckets" + query);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getMap("$")).containsOnlyKeys("Buckets");
        return r.jsonPath().getList("Buckets");
    }

    private static Map<String, Object> find(List<Map<String, Object>> buckets, String name) {
        return buckets.stream().filter(b -> name.equals(b.get("name"))).findFirst().orElse(null);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void ostorBuckets_listsEveryBucketWithEpochCreationDateAndOwner(Signing signing) {
        User alice = createUser(signing, newEmail("alice"));
        User bob = createUser(signing, newEmail("bob"));
        String a = bucketName("ob-alice", signing);
        String b = bucketName("ob-bob", signing);
        createBucket(signing, alice, a);
        createBucket(signing, bob, b);

        List<Map<String, Object>> all = buckets(signing, "");

        assertThat(all).allSatisfy(x -> assertThat(x).containsOnlyKeys("name", "epoch", "creation_date", "owner_id", "size"));
        Map<String, Object> ofAlice = find(all, a);
        assertThat(ofAlice).isNotNull().containsEntry("owner_id", alice.id());
        assertThat(ofAlice.get("epoch")).isInstanceOf(Number.class);
        assertThat((String) ofAlice.get("creation_date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(find(all, b)).isNotNull().containsEntry("owner_id", bob.id());
        List<Object> names = all.stream().map(x -> x.get("name")).toList();
        assertThat(names).isSortedAccordingTo((x, y) -> ((String) x).compareTo((String) y));
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void ostorBuckets_byEmailOrId_listsThatUsersBucketsOnly(Signing signing) {
        User alice = createUser(signing, newEmail("alice"));
        User bob = createUser(signing, newEmail("bob"));
        String a = bucketName("oc-alice", signing);
        String b = bucketName("oc-bob", signing);
        createBucket(signing, alice, a);
        createBucket(signing, bob, b);

        assertThat(buckets(signing, "&emailAddress=" + alice.email())).extracting(x -> x.get("name")).containsExactly(a);
        assertThat(buckets(signing, "&id=" + bob.id())).extracting(x -> x.get("name")).containsExactly(b);
        User idle = createUser(signing, newEmail("idle"));
        assertThat(buckets(signing, "&emailAddress=" + idle.email())).isEmpty();
        assertOstorError(call(signing, "GET", "/?ostor-buckets&emailAddress=" + newEmail("nobody")), 404, "NoSuchUser");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void deleteBucket_forgetsTheRecord_andANewBucketOfThatNameHasANewEpoch(Signing signing) {
        User user = createUser(signing, newEmail("epoch"));
        String bucket = bucketName("od-epoch", signing);
        createBucket(signing, user, bucket);
        Object first = find(buckets(signing, ""), bucket).get("epoch");

        assertThat(call(signing, user.key(), user.secret(), "DELETE", "/" + bucket).statusCode()).isEqualTo(204);
        assertThat(find(buckets(signing, ""), bucket)).isNull();

        createBucket(signing, user, bucket);
        Map<String, Object> again = find(buckets(signing, "&id=" + user.id()), bucket);
        assertThat(again).isNotNull();
        assertThat(again.get("epoch")).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void createBucket_refusedAsAlreadyExisting_recordsNothingNew(Signing signing) {
        User owner = createUser(signing, newEmail("first"));
        User other = createUser(signing, newEmail("second"));
        String bucket = bucketName("oe-taken", signing);
        createBucket(signing, owner, bucket);

        Response taken = eventually(409, () -> call(signing, other.key(), other.secret(), "PUT", "/" + bucket));

        assertThat(taken.asString()).contains("<Code>BucketAlreadyExists</Code>");
        assertThat(find(buckets(signing, ""), bucket)).containsEntry("owner_id", owner.id());
        assertThat(buckets(signing, "&id=" + other.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void listAllMyBuckets_showsTheCallerAsOwner_withTheEmailsLocalPartAsDisplayName(Signing signing) {
        String email = newEmail("client");
        User user = createUser(signing, email);
        String bucket = bucketName("of-mine", signing);
        createBucket(signing, user, bucket);

        Response r = call(signing, user.key(), user.secret(), "GET", "/");

        assertThat(r.statusCode()).isEqualTo(200);
        String xml = r.asString();
        assertThat(xml).contains("<Owner><ID>" + user.id() + "</ID><DisplayName>" + email.substring(0, email.indexOf('@'))
                + "</DisplayName></Owner>");
        assertThat(xml).contains("<Name>" + bucket + "</Name>");
    }
}
