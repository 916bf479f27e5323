package dev.stowage.ostor;

import static dev.stowage.ostor.OstorCalls.call;
import static dev.stowage.ostor.OstorUsersIT.assertOstorError;
import static dev.stowage.ostor.OstorUsersIT.createUser;
import static dev.stowage.ostor.OstorUsersIT.eventually;
import static dev.stowage.ostor.OstorUsersIT.newEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.ostor.OstorCalls.Signing;
import dev.stowage.ostor.OstorUsersIT.User;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import dev.stowage.usage.StorageLedger;
import dev.stowage.usage.UsageCounts;
import dev.stowage.usage.UsageName;
import dev.stowage.usage.UsageRollup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Usage statistics end to end: known requests of every class give exactly those counters in the usage object a
 * rollup writes, read back through {@code ?ostor-usage}; listing pages, get and delete; storage accounting in
 * {@code ?ostor-buckets}.
 */
@QuarkusTest
class OstorUsageIT {
    @Inject
    UsageRollup rollup;

    @Inject
    StorageLedger storage;

    @Inject
    ObjectStore store;

    private static String bucketName(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000;
    }

    /** What the client sent and received for one user on one bucket, counted as the gateway should. */
    private static final class Expected {
        long put, get, list, other, uploaded, downloaded;

        Response send(User u, String method, String target, byte[] body) {
            Response r = OstorCalls.v2(u.key(), u.secret(), method, target, body);
            uploaded += body == null ? 0 : body.length;
            downloaded += method.equals("HEAD") ? 0 : r.asByteArray().length;
            return r;
        }

        UsageCounts counts() {
            return new UsageCounts(put, get, list, other, uploaded, downloaded);
        }
    }

    /**
     * Rolls the open period up until {@code done} holds for the counts summed per "bucket user" over every object
     * written (a request is counted just after its response is sent), then once more, and returns the sums: a count
     * taken twice would show as more than expected.
     */
    private Map<String, UsageCounts> countsAfterRollups(java.util.function.Predicate<Map<String, UsageCounts>> done)
            throws Exception {
        Map<String, UsageCounts> sums = new java.util.HashMap<>();
        for (int i = 0; i < 50 && !done.test(sums); i++) {
            addCounts(rollup.rollup(), sums);
            if (!done.test(sums)) {
                Thread.sleep(20);
            }
        }
        addCounts(rollup.rollup(), sums);
        return sums;
    }

    private static void addCounts(Optional<UsageName> name, Map<String, UsageCounts> sums) {
        if (name.isEmpty()) {
            return;
        }
        Response r = call(Signing.V2, "GET", "/?ostor-usage&obj=" + name.get());
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<Map<String, Object>> items = r.jsonPath().getList("items");
        assertThat(r.jsonPath().getInt("nr_items")).isEqualTo(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonPath c = new JsonPath(r.asString()).setRootPath("items[" + i + "]");
            sums.merge(c.getString("key.bucket") + " " + c.getString("key.user_id"),
                    new UsageCounts(c.getLong("counters.ops.put"), c.getLong("counters.ops.get"),
                            c.getLong("counters.ops.list"), c.getLong("counters.ops.other"),
                            c.getLong("counters.net_io.uploaded"), c.getLong("counters.net_io.downloaded")),
                    UsageCounts::plus);
        }
    }

    @Test
    void usage_knownRequestsOfEachClass_giveExactlyThoseCounters() throws Exception {
        User alice = createUser(Signing.V2, newEmail("usage-alice"));
        User mallory = createUser(Signing.V2, newEmail("usage-mallory"));
        String bucket = bucketName("usage-exact");
        Expected a = new Expected();
        Expected m = new Expected();
        rollup.rollup(); // a period of its own for this test

        assertThat(eventually(200, () -> OstorCalls.v2(alice.key(), alice.secret(), "PUT", "/" + bucket, null))
                .statusCode()).isEqualTo(200);
        a.put++; // CreateBucket
        for (int size : new int[] {1000, 2000, 3000}) {
            Response put = a.send(alice, "PUT", "/" + bucket + "/k" + size, new byte[size]);
            assertThat(put.statusCode()).as(put.asString()).isEqualTo(200);
            a.put++;
        }
        assertThat(a.send(alice, "GET", "/" + bucket + "/k1000", null).statusCode()).isEqualTo(200);
        assertThat(a.send(alice, "GET", "/" + bucket + "/k3000", null).statusCode()).isEqualTo(200);
        assertThat(a.send(alice, "HEAD", "/" + bucket + "/k2000", null).statusCode()).isEqualTo(200);
        assertThat(a.send(alice, "GET", "/" + bucket + "/missing", null).statusCode()).isEqualTo(404);
        a.get += 4;
        assertThat(a.send(alice, "GET", "/" + bucket, null).statusCode()).isEqualTo(200);
        assertThat(a.send(alice, "GET", "/" + bucket + "?list-type=2&prefix=k", null).statusCode()).isEqualTo(200);
        a.list += 2;
        assertThat(a.send(alice, "DELETE", "/" + bucket + "/k2000", null).statusCode()).isEqualTo(204);
        assertThat(a.send(alice, "HEAD", "/" + bucket, null).statusCode()).isEqualTo(200); // HeadBucket
        a.other += 2;
        // refused: counted for the signer who reached the bucket (once mallory's keys are known)
        assertThat(eventually(200, () -> OstorCalls.v2(mallory.key(), mallory.secret(), "PUT", "/" + bucket + "-m", null))
                .statusCode()).isEqualTo(200);
        assertThat(m.send(mallory, "GET", "/" + bucket + "/k1000", null).statusCode()).isEqualTo(403);
        assertThat(m.send(mallory, "PUT", "/" + bucket + "/x", new byte[77]).statusCode()).isEqualTo(403);
        m.get++;
        m.put++;
        // not counted: anonymous, and a bucket that does not exist
        assertThat(OstorCalls.anonymous("GET", "/" + bucket + "/k1000").statusCode()).isEqualTo(403);
        assertThat(OstorCalls.v2(alice.key(), alice.secret(), "GET", "/" + bucket + "-nope/k", null).statusCode())
                .isEqualTo(404);

        String ofAlice = bucket + " " + alice.id();
        String ofMallory = bucket + " " + mallory.id();
        Map<String, UsageCounts> counts = countsAfterRollups(c -> a.counts().equals(c.get(ofAlice))
                && c.containsKey(ofMallory) && c.get(ofMallory).put() + c.get(ofMallory).get() == 2);

        assertThat(counts.get(ofAlice)).isEqualTo(a.counts());
        UsageCounts m1 = counts.get(ofMallory);
        assertThat(m1.put()).as(m1.toString()).isEqualTo(m.put);
        assertThat(m1.get()).isEqualTo(m.get);
        assertThat(m1.list() + m1.other()).isZero();
        assertThat(m1.downloaded()).isEqualTo(m.downloaded);
        // the refused PUT's body may be left unread: uploaded counts what the gateway read of it
        assertThat(m1.uploaded()).isBetween(0L, m.uploaded);
        assertThat(counts.keySet()).noneMatch(k -> k.startsWith(bucket + "-nope "));
    }

    @Test
    void getUsage_isTheSeedsShape_withThisGatewaysServiceId() throws Exception {
        User u = createUser(Signing.V2, newEmail("usage-shape"));
        String bucket = bucketName("usage-shape");
        assertThat(eventually(200, () -> OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket, null)).statusCode())
                .isEqualTo(200);
        UsageName name = eventuallyRolledUp();

        Response r = call(Signing.V2, "GET", "/?ostor-usage&obj=" + name);
        String text = r.asString();
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(text).startsWith("{\n    \"fmt_version\": 1,\n    \"service_id\": " + rollup.serviceId() + ",\n"
                + "    \"start_ts\": " + name.startTs() + ",\n    \"period\": ");
        assertThat(text.indexOf("\"nr_items\"")).isLessThan(text.indexOf("\"items\""));
        assertThat(name.toString()).startsWith("s3-usage-" + rollup.serviceId() + "-").endsWith("-1800");
        JsonPath json = r.jsonPath();
        assertThat(json.getLong("period")).isBetween(0L, 1800L);
        assertThat(json.getMap("items[0]")).containsOnlyKeys("key", "counters");
        assertThat(json.getMap("items[0].key")).containsOnlyKeys("bucket", "epoch", "user_id", "tag");
        assertThat(json.getString("items[0].key.tag")).isEmpty();
        assertThat(json.getMap("items[0].counters.ops")).containsOnlyKeys("put", "get", "list", "other");
        assertThat(json.getMap("items[0].counters.net_io")).containsOnlyKeys("uploaded", "downloaded");
    }

    private UsageName eventuallyRolledUp() throws Exception {
        for (int i = 0; i < 50; i++) {
            Optional<UsageName> name = rollup.rollup();
            if (name.isPresent()) {
                return name.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no usage object after 50 rollups");
    }

    @Test
    void rollup_periodWithoutTraffic_writesNothing() throws Exception {
        rollup.rollup();
        assertThat(rollup.rollup()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void listUsage_pagesWithAfterAndLimit_oldestFirst(Signing signing) throws Exception {
        User u = createUser(signing, newEmail("usage-pages"));
        String bucket = bucketName("usage-pages");
        assertThat(eventually(200, () -> OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket, null)).statusCode())
                .isEqualTo(200);
        eventuallyRolledUp();
        for (int i = 0; i < 4; i++) {
            OstorCalls.v2(u.key(), u.secret(), "GET", "/" + bucket, null);
            eventuallyRolledUp();
        }
        Response whole = call(signing, "GET", "/?ostor-usage");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.jsonPath().getMap("$")).containsOnlyKeys("nr_items", "truncated", "items");
        assertThat(whole.asString()).startsWith("{\n    \"nr_items\": ");
        List<String> all = whole.jsonPath().getList("items");
        assertThat(whole.jsonPath().getBoolean("truncated")).isFalse();
        assertThat(whole.jsonPath().getInt("nr_items")).isEqualTo(all.size()).isGreaterThanOrEqualTo(5);
        assertThat(all).isSortedAccordingTo((x, y) -> UsageName.OLDEST_FIRST.compare(
                UsageName.parse(x).orElseThrow(), UsageName.parse(y).orElseThrow()));

        List<String> paged = new ArrayList<>();
        String after = null;
        for (int i = 0; i <= all.size(); i++) {
            Response page = call(signing, "GET", "/?ostor-usage&limit=2" + (after == null ? "" : "&after=" + after));
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> items = page.jsonPath().getList("items");
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            assertThat(page.jsonPath().getInt("nr_items")).isEqualTo(items.size());
            paged.addAll(items);
            if (!page.jsonPath().getBoolean("truncated")) {
                break;
            }
            after = items.get(items.size() - 1);
        }
        assertThat(paged).isEqualTo(all);
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void deleteUsage_is204_andGoneFromListAndGet(Signing signing) throws Exception {
        User u = createUser(signing, newEmail("usage-delete"));
        String bucket = bucketName("usage-delete");
        assertThat(eventually(200, () -> OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket, null)).statusCode())
                .isEqualTo(200);
        UsageName name = eventuallyRolledUp();

        assertThat(call(signing, "DELETE", "/?ostor-usage&obj=" + name).statusCode()).isEqualTo(204);

        assertThat(call(signing, "GET", "/?ostor-usage").jsonPath().getList("items")).doesNotContain(name.toString());
        assertOstorError(call(signing, "GET", "/?ostor-usage&obj=" + name), 404, "NoSuchKey");
        assertOstorError(call(signing, "DELETE", "/?ostor-usage&obj=" + name), 404, "NoSuchKey");
    }

    @Test
    void getUsage_unknownOrMalformedName_is404() {
        assertOstorError(call(Signing.V2, "GET", "/?ostor-usage&obj=s3-usage-1000000000000001-2001-01-01T00:00:00.000Z-1800"),
                404, "NoSuchKey");
        assertOstorError(call(Signing.V2, "GET", "/?ostor-usage&obj=..%2F..%2Fsystem-credentials"), 404, "NoSuchKey");
        assertOstorError(call(Signing.V2, "GET", "/?ostor-usage&after=nonsense"), 400, "InvalidArgument");
    }

    @Test
    void ostorUsage_nonSystemUser_isAccessDenied() {
        User u = createUser(Signing.V2, newEmail("usage-denied"));
        assertOstorError(eventually(403, () -> OstorCalls.v2(u.key(), u.secret(), "GET", "/?ostor-usage", null)),
                403, "AccessDenied");
    }

    // ---- storage accounting ------------------------------------------------------------------------------

    @Test
    void storage_followsPutOverwriteAndDelete_inOstorBuckets() throws Exception {
        User u = createUser(Signing.V2, newEmail("usage-storage"));
        String bucket = bucketName("usage-storage");
        assertThat(eventually(200, () -> OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket, null)).statusCode())
                .isEqualTo(200);
        rollup.rollup(); // hmax counts from here
        OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket + "/a", new byte[100]);
        OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket + "/a", new byte[250]); // overwrite
        OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket + "/b", new byte[50]);
        OstorCalls.v2(u.key(), u.secret(), "DELETE", "/" + bucket + "/a", null);
        OstorCalls.v2(u.key(), u.secret(), "DELETE", "/" + bucket + "/a", null); // nothing left to delete

        Response r = call(Signing.V2, "GET", "/?ostor-buckets&bucket=" + bucket);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<Map<String, Object>> buckets = r.jsonPath().getList("Buckets");
        assertThat(buckets).hasSize(1);
        assertThat(buckets.get(0)).containsOnlyKeys("name", "epoch", "creation_date", "owner_id", "size");
        JsonPath size = new JsonPath(r.asString()).setRootPath("Buckets[0].size");
        assertThat(r.asString().indexOf("\"current\"")).isLessThan(r.asString().indexOf("\"hmax\""));
        assertThat(size.getLong("current")).isEqualTo(50);
        assertThat(size.getLong("hmax")).isEqualTo(300);
        assertThat(size.getLong("h_integral")).isGreaterThanOrEqualTo(0);
        assertThat(size.getLong("last_ts")).isGreaterThan(1_700_000_000L);
        BucketInfo info = store.bucket(bucket);
        assertThat(storage.of(info).objects()).isEqualTo(1);
        assertThat(storage.ofUser(u.id()).current()).isEqualTo(50);

        Response byEmail = call(Signing.V2, "GET", "/?ostor-buckets&emailAddress=" + u.email());
        assertThat(byEmail.jsonPath().getLong("Buckets[0].size.current")).isEqualTo(50);
        assertOstorError(call(Signing.V2, "GET", "/?ostor-buckets&bucket=" + bucket + "-none"), 404, "NoSuchBucket");
    }

    @Test
    void storage_afterReconcilingScan_matchesTheFilesystem() throws Exception {
        User u = createUser(Signing.V2, newEmail("usage-scan"));
        String bucket = bucketName("usage-scan");
        assertThat(eventually(200, () -> OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket, null)).statusCode())
                .isEqualTo(200);
        OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket + "/x/y", new byte[123]);
        OstorCalls.v2(u.key(), u.secret(), "PUT", "/" + bucket + "/z", new byte[0]);
        BucketInfo info = store.bucket(bucket);
        var before = storage.of(info);

        rollup.scanStorage();

        var after = storage.of(info);
        assertThat(after.current()).isEqualTo(123).isEqualTo(before.current());
        assertThat(after.objects()).isEqualTo(2).isEqualTo(before.objects());
    }
}
