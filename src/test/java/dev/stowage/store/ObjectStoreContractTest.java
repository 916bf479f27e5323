package dev.stowage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stowage.store.ListPage.ListEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} keeps, run against each implementation with a fresh temp directory. The
 * listing model test compares the store with a plain reference: all keys sorted by UTF-8 bytes, filtered and
 * rolled up.
 */
public abstract class ObjectStoreContractTest {
    protected static final Instant NOW = Instant.parse("2025-03-04T05:06:07.891Z");
    protected static final String BUCKET = "bucket-1";

    /** Keys that must survive byte-exact: escaping, path tricks, reserved-looking names, limits. */
    protected static final List<String> HOSTILE_KEYS = List.of(
            "a", "a/b", "a/b/c", "dir/", "dir//", "//", "/", "/leading", "a//b", "trailing/", "..", ".", "./", "../",
            "../../etc/passwd", "a/../b", "a/./b", "...", ".hidden", "x/.", "x/..", "x/../..",
            "sp ace", " ", "  lead", "plus+sign", "100%", "%", "%25", "%2F", "%#o", "#o", "#c", "a#o", "x#c/y",
            "#", "##", "hash#tag", "back\\slash", "q?uery", "amp&er=sand", "star*", "col:on", "semi;", "at@",
            "tilde~", "quote\"s", "apo'strophe", "<angle>", "pipe|", "caret^", "`tick`", "{brace}", "[bracket]",
            "unicode/é/ü/ß", "中文/键", "emoji/😀", "\uFF61halfwidth", "nul\u0000byte", "\u0000", "ctrl\u0001\u001F",
            "tab\tnl\ncr\r", "del\u007F", "CaseSensitive", "casesensitive", "UPPER/lower",
            "x".repeat(1024), "€".repeat(341), "€".repeat(341) + "/", "é/".repeat(256), "/".repeat(1024), "%".repeat(1024),
            "a".repeat(199) + "€" + "b".repeat(300), "seg/" + ".".repeat(200), "z".repeat(200), "z".repeat(201),
            "y".repeat(200) + "/", "y".repeat(200) + "/x", "y".repeat(200) + "-");

    @TempDir
    protected Path tempDir;

    protected ObjectStore store;
    protected MutableClock clock;

    /** A new store over {@code dataRoot}; several may share one root. */
    protected abstract ObjectStore newStore(Path dataRoot, Clock clock) throws IOException;

    protected Path dataRoot() {
        return tempDir.resolve("data");
    }

    @BeforeEach
    void openStore() throws IOException {
        clock = new MutableClock(NOW);
        store = newStore(dataRoot(), clock);
    }

    @AfterEach
    void closeStore() throws IOException {
        if (store instanceof Closeable c) {
            c.close();
        }
    }

    // ---- buckets

    @Test
    void createBucket_thenBucket_returnsItsFacts() throws IOException {
        BucketInfo created = store.createBucket(BUCKET, "owner-1", "eu-west-1");
        assertEquals(new BucketInfo(BUCKET, "owner-1", NOW, created.epoch(), "eu-west-1"), created);
        assertTrue(created.epoch() > 0);
        assertEquals(created, store.bucket(BUCKET));
    }

    @Test
    void createBucket_twice_throwsAlreadyExistsCarryingTheOwner() throws IOException {
        BucketInfo first = store.createBucket(BUCKET, "owner-1", "us-east-1");
        BucketAlreadyExistsException e =
                assertThrows(BucketAlreadyExistsException.class, () -> store.createBucket(BUCKET, "owner-2", null));
        assertEquals(BUCKET, e.subject());
        assertEquals(first, e.existing().orElseThrow());
        assertEquals(first, store.bucket(BUCKET));
    }

    @Test
    void createBucket_afterDelete_hasNewEpoch() throws IOException {
        BucketInfo first = store.createBucket(BUCKET, "o", null);
        store.deleteBucket(BUCKET);
        BucketInfo second = store.createBucket(BUCKET, "o", null);
        assertNotEquals(first.epoch(), second.epoch());
        assertEquals(second, store.bucket(BUCKET));
        assertNull(second.location());
    }

    @Test
    void createBucket_concurrently_hasOneWinner() throws Exception {
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String owner = "owner-" + i;
            tasks.add(() -> {
                try {
                    store.createBucket(BUCKET, owner, null);
                    return true;
                } catch (BucketAlreadyExistsException e) {
                    return false;
                }
            });
        }
        List<Boolean> results = runAll(tasks);
        assertEquals(1, results.stream().filter(b -> b).count());
        assertEquals(1, store.listBuckets().size());
    }

    @Test
    void bucket_missing_throwsNoSuchBucket() {
        assertThrows(NoSuchBucketException.class, () -> store.bucket("missing"));
        assertThrows(NoSuchBucketException.class, () -> store.headObject("missing", "k"));
        assertThrows(NoSuchBucketException.class, () -> put("missing", "k", "v"));
        assertThrows(NoSuchBucketException.class, () -> store.listObjects("missing", new ListQuery("", "", "", 10)));
    }

    @Test
    void bucketNames_withPathTricks_areRefused() {
        for (String name : List.of("..", ".", "a/b", "a\0b", "")) {
            assertThrows(IllegalArgumentException.class, () -> store.createBucket(name, "o", null), name);
            assertThrows(IllegalArgumentException.class, () -> store.bucket(name), name);
        }
    }

    @Test
    void listBuckets_sortedByName() throws IOException {
        for (String name : List.of("zeta", "alpha", "mid.dle", "alpha-2", "0num")) {
            store.createBucket(name, "o-" + name, null);
        }
        List<String> names = store.listBuckets().stream().map(BucketInfo::name).toList();
        assertEquals(List.of("0num", "alpha", "alpha-2", "mid.dle", "zeta"), names);
        assertEquals("o-zeta", store.listBuckets().getLast().ownerId());
    }

    @Test
    void deleteBucket_holdingAnObject_throwsBucketNotEmpty() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "deep/down/key", "v");
        assertThrows(BucketNotEmptyException.class, () -> store.deleteBucket(BUCKET));
        assertEquals("v", get(BUCKET, "deep/down/key"));
    }

    @Test
    void deleteBucket_afterItsObjectsAreDeleted_makesBucketUnusable() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "a/b/c", "v");
        put(BUCKET, "a", "v");
        assertTrue(store.deleteObject(BUCKET, "a/b/c"));
        assertTrue(store.deleteObject(BUCKET, "a"));
        store.deleteBucket(BUCKET);
        assertThrows(NoSuchBucketException.class, () -> store.bucket(BUCKET));
        assertThrows(NoSuchBucketException.class, () -> put(BUCKET, "k", "v"));
        assertThrows(NoSuchBucketException.class, () -> store.deleteBucket(BUCKET));
        assertEquals(List.of(), store.listBuckets());
    }

    // ---- bucket settings and object system facts (ACLs, tags, CORS)

    @Test
    void updateBucket_changesSettingsDurablyAndKeepsTheOtherFacts() throws IOException {
        BucketInfo created = store.createBucket(BUCKET, "owner-1", "eu-west-1", Map.of("acl", "READ:g:x"));
        assertEquals(Map.of("acl", "READ:g:x"), created.settings());
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("acl", null);
        changes.put("tags", "a=1&b=\"quoted\" é 😀");
        BucketInfo updated = store.updateBucket(BUCKET, changes);
        assertEquals(new BucketInfo(BUCKET, "owner-1", NOW, created.epoch(), "eu-west-1", Map.of("tags", "a=1&b=\"quoted\" é 😀")),
                updated);
        assertEquals(updated, store.bucket(BUCKET));
        ObjectStore reopened = newStore(dataRoot(), clock);
        try {
            assertEquals(updated, reopened.bucket(BUCKET));
        } finally {
            if (reopened instanceof Closeable c) {
                c.close();
            }
        }
        assertThrows(NoSuchBucketException.class, () -> store.updateBucket("no-such-bucket", Map.of("acl", "")));
    }

    @Test
    void updateObjectSystem_changesFactsButNotBytesEtagOrTime() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        ObjectAttributes attrs = new ObjectAttributes("text/plain", null, null, null, null, null, Map.of("m", "v"),
                Map.of("owner", "alice", "tags", "a=1"));
        ObjectInfo put = store.putObject(BUCKET, "k", new ByteArrayInputStream(body), body.length, null, attrs);
        clock.set(NOW.plusSeconds(60));
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("tags", null);
        changes.put("acl", "READ:g:all");
        ObjectInfo updated = store.updateObjectSystem(BUCKET, "k", changes);
        ObjectAttributes expectedAttrs = attrs.withSystem(Map.of("owner", "alice", "acl", "READ:g:all"));
        assertEquals(new ObjectInfo("k", put.size(), put.etag(), put.lastModified(), expectedAttrs), updated);
        assertEquals(updated, store.headObject(BUCKET, "k"));
        try (ObjectReader r = store.openObject(BUCKET, "k")) {
            assertArrayEquals(body, readAll(r));
        }
        assertThrows(NoSuchKeyException.class, () -> store.updateObjectSystem(BUCKET, "missing", Map.of("acl", "")));
    }

    @Test
    void updateObjectSystem_readerOpenBefore_keepsTheOldVersion() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
        store.putObject(BUCKET, "k", new ByteArrayInputStream(body), body.length, null, ObjectAttributes.NONE);
        try (ObjectReader old = store.openObject(BUCKET, "k")) {
            store.updateObjectSystem(BUCKET, "k", Map.of("tags", "x=y"));
            assertEquals(Map.of(), old.info().attributes().system());
            assertArrayEquals(body, readAll(old));
        }
        assertEquals(Map.of("tags", "x=y"), store.headObject(BUCKET, "k").attributes().system());
    }

    // ---- objects

    @Test
    void putObject_thenHeadAndRead_roundTripsBytesAndAttributes() throws IOException {
        store.createBucket(BUCKET, "o", null);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("zeta", "last-but-first");
        meta.put("alpha", "ünïcödé value");
        meta.put("empty", "");
        ObjectAttributes attrs = new ObjectAttributes("text/plain; charset=utf-8", "gzip",
                "attachment; filename=\"a.txt\"", "de-CH", "max-age=60", "Thu, 01 Dec 1994 16:00:00 GMT", meta);
        byte[] body = "hello world".getBytes(StandardCharsets.UTF_8);
        ObjectInfo put = store.putObject(BUCKET, "k", new ByteArrayInputStream(body), body.length, md5(body), attrs);

        ObjectInfo expected = new ObjectInfo("k", body.length, hex(md5(body)), NOW, attrs);
        assertEquals(expected, put);
        ObjectInfo head = store.headObject(BUCKET, "k");
        assertEquals(expected, head);
        assertEquals(List.copyOf(meta.keySet()), List.copyOf(head.attributes().userMetadata().keySet()));
        try (ObjectReader r = store.openObject(BUCKET, "k")) {
            assertEquals(expected, r.info());
            assertArrayEquals(body, readAll(r));
        }
        assertEquals(head, store.findObject(BUCKET, "k").orElseThrow());
    }

    @Test
    void putObject_noAttributes_storesNulls() throws IOException {
        store.createBucket(BUCKET, "o", null);
        store.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[0]), 0, null, ObjectAttributes.NONE);
        ObjectInfo info = store.headObject(BUCKET, "k");
        assertEquals(ObjectAttributes.NONE, info.attributes());
        assertEquals(0, info.size());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", info.etag());
        try (ObjectReader r = store.openObject(BUCKET, "k")) {
            assertEquals(-1, r.read(ByteBuffer.allocate(10), 0));
        }
    }

    @Test
    void putObject_hostileKeys_roundTripByteExact() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (String key : HOSTILE_KEYS) {
            put(BUCKET, key, "value of " + key);
        }
        for (String key : HOSTILE_KEYS) {
            assertEquals("value of " + key, get(BUCKET, key), () -> "key " + printable(key));
            assertEquals(key, store.headObject(BUCKET, key).key());
        }
        List<String> listed = listAll(BUCKET, "", null, 1000).stream().map(ListEntry::key).toList();
        assertEquals(utf8Sorted(HOSTILE_KEYS), listed);
        for (String key : HOSTILE_KEYS) {
            assertTrue(store.deleteObject(BUCKET, key), () -> "key " + printable(key));
        }
        assertEquals(List.of(), store.listObjects(BUCKET, new ListQuery(null, null, null, 1000)).entries());
        store.deleteBucket(BUCKET);
    }

    @Test
    void putObject_keyAndKeyWithSlash_coexist() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "a", "1");
        put(BUCKET, "a/", "2");
        put(BUCKET, "a/b", "3");
        put(BUCKET, "a//b", "4");
        assertEquals(List.of("1", "2", "3", "4"),
                List.of(get(BUCKET, "a"), get(BUCKET, "a/"), get(BUCKET, "a/b"), get(BUCKET, "a//b")));
        store.deleteObject(BUCKET, "a");
        assertEquals("3", get(BUCKET, "a/b"));
    }

    @Test
    void putObject_keyOutOfLimits_isRefused() throws IOException {
        store.createBucket(BUCKET, "o", null);
        assertThrows(IllegalArgumentException.class, () -> put(BUCKET, "", "v"));
        assertThrows(IllegalArgumentException.class, () -> put(BUCKET, "x".repeat(1025), "v"));
        assertThrows(IllegalArgumentException.class, () -> put(BUCKET, "€".repeat(342), "v"));
        assertThrows(IllegalArgumentException.class, () -> put(BUCKET, "bad\uD800surrogate", "v"));
        put(BUCKET, "€".repeat(341) + "x", "fits: 1024 bytes");
    }

    @Test
    void putObject_overwrite_readerKeepsOldVersion() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "k", "old value");
        try (ObjectReader old = store.openObject(BUCKET, "k")) {
            clock.set(NOW.plusSeconds(60));
            put(BUCKET, "k", "new");
            assertEquals("old value", new String(readAll(old), StandardCharsets.UTF_8));
            assertEquals(9, old.info().size());
        }
        assertEquals("new", get(BUCKET, "k"));
        assertEquals(NOW.plusSeconds(60), store.headObject(BUCKET, "k").lastModified());
    }

    @Test
    void deleteObject_whileReaderOpen_readerKeepsReading() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "dir/k", "still here");
        try (ObjectReader r = store.openObject(BUCKET, "dir/k")) {
            assertTrue(store.deleteObject(BUCKET, "dir/k"));
            assertEquals("still here", new String(readAll(r), StandardCharsets.UTF_8));
        }
        assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, "dir/k"));
    }

    @Test
    void deleteObject_missing_returnsFalse() throws IOException {
        store.createBucket(BUCKET, "o", null);
        assertFalse(store.deleteObject(BUCKET, "nope"));
        assertFalse(store.deleteObject(BUCKET, "no/such/dir"));
        put(BUCKET, "k", "v");
        assertTrue(store.deleteObject(BUCKET, "k"));
        assertFalse(store.deleteObject(BUCKET, "k"));
        assertTrue(store.findObject(BUCKET, "k").isEmpty());
    }

    @Test
    void headObject_missingKey_throwsNoSuchKey() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "a/b", "v");
        for (String key : List.of("a", "a/", "a/b/", "b", "a/bc")) {
            assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, key), key);
            assertThrows(NoSuchKeyException.class, () -> store.openObject(BUCKET, key), key);
        }
    }

    @Test
    void putObject_wrongMd5_throwsBadDigestAndKeepsOldObject() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "k", "old");
        byte[] body = "new".getBytes(StandardCharsets.UTF_8);
        assertThrows(BadDigestException.class, () -> store.putObject(BUCKET, "k", new ByteArrayInputStream(body),
                body.length, md5("other".getBytes(StandardCharsets.UTF_8)), ObjectAttributes.NONE));
        assertEquals("old", get(BUCKET, "k"));
    }

    @Test
    void putObject_bodyShorterThanDeclared_throwsIncompleteBody() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] body = new byte[100];
        assertThrows(IncompleteBodyException.class, () -> store.putObject(BUCKET, "k",
                new ByteArrayInputStream(body), 101, null, ObjectAttributes.NONE));
        assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, "k"));
    }

    @Test
    void putObject_streamThrows_failurePassesThroughAndNoObjectAppears() throws IOException {
        store.createBucket(BUCKET, "o", null);
        RuntimeException signatureError = new IllegalStateException("chunk signature mismatch");
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() {
                if (n++ > 300_000) {
                    throw signatureError;
                }
                return 'x';
            }
        };
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> store.putObject(BUCKET, "new/key", failing, 1_000_000, null, ObjectAttributes.NONE));
        assertSame(signatureError, thrown);
        assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, "new/key"));
        assertEquals(List.of(), store.listObjects(BUCKET, new ListQuery("", null, null, 10)).entries());

        IOException ioFailure = new IOException("connection reset");
        InputStream ioFailing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw ioFailure;
            }
        };
        assertSame(ioFailure, assertThrows(IOException.class,
                () -> store.putObject(BUCKET, "k", ioFailing, -1, null, ObjectAttributes.NONE)));
        store.deleteBucket(BUCKET);
    }

    @Test
    void putObject_bodiesAroundBufferBoundaries_haveTheirMd5AsEtagAndRoundTrip() throws IOException {
        store.createBucket(BUCKET, "o", null);
        int buffer = 512 * 1024; // the writer's largest buffer: bodies beyond it are hashed beside the writing
        for (int size : new int[] {buffer - 1, buffer, buffer + 1, 2 * buffer, 5 * buffer + 3}) {
            byte[] body = new byte[size];
            new Random(size).nextBytes(body);
            for (long declared : new long[] {size, -1}) {
                ObjectInfo info = store.putObject(BUCKET, "b", new TrickleInputStream(body), declared, null,
                        ObjectAttributes.NONE);
                assertEquals(hex(md5(body)), info.etag(), "size " + size + ", declared " + declared);
                try (ObjectReader r = store.openObject(BUCKET, "b")) {
                    assertEquals(hex(md5(body)), r.info().etag());
                    assertArrayEquals(body, readAll(r), "size " + size + ", declared " + declared);
                }
            }
        }
    }

    @Test
    void putObject_largeBodyOfUnknownLength_roundTripsWithPositionalReads() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        ObjectInfo info = store.putObject(BUCKET, "big", new TrickleInputStream(body), -1, md5(body),
                ObjectAttributes.NONE);
        assertEquals(body.length, info.size());
        assertEquals(hex(md5(body)), info.etag());
        try (ObjectReader r = store.openObject(BUCKET, "big")) {
            assertArrayEquals(body, readAll(r));
            ByteBuffer small = ByteBuffer.allocate(10);
            assertEquals(10, r.read(small, 1_000_000));
            assertArrayEquals(Arrays.copyOfRange(body, 1_000_000, 1_000_010), small.array());
            ByteBuffer tail = ByteBuffer.allocate(100);
            assertEquals(5, r.read(tail, body.length - 5));
            assertArrayEquals(Arrays.copyOfRange(body, body.length - 5, body.length),
                    Arrays.copyOf(tail.array(), 5));
            assertEquals(-1, r.read(ByteBuffer.allocate(1), body.length));
        }
        byte[] exact = Arrays.copyOf(body, 512 * 1024);
        store.putObject(BUCKET, "exact", new ByteArrayInputStream(exact), exact.length, null, ObjectAttributes.NONE);
        try (ObjectReader r = store.openObject(BUCKET, "exact")) {
            assertArrayEquals(exact, readAll(r));
        }
    }

    @Test
    void putObject_concurrentToOneKey_leavesOneCompleteWinner() throws Exception {
        store.createBucket(BUCKET, "o", null);
        int writers = 8;
        int size = 300_000;
        List<Callable<byte[]>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte fill = (byte) ('A' + w);
            tasks.add(() -> {
                byte[] body = new byte[size];
                Arrays.fill(body, fill);
                for (int round = 0; round < 5; round++) {
                    store.putObject(BUCKET, "contended/key", new TrickleInputStream(body), size, null,
                            ObjectAttributes.NONE);
                }
                return body;
            });
        }
        List<byte[]> bodies = runAll(tasks);
        byte[] stored;
        try (ObjectReader r = store.openObject(BUCKET, "contended/key")) {
            stored = readAll(r);
            assertEquals(hex(md5(stored)), r.info().etag());
        }
        assertTrue(bodies.stream().anyMatch(b -> Arrays.equals(b, stored)), "stored body is one writer's whole body");
        assertEquals(1, listAll(BUCKET, "", null, 10).size());
    }

    @Test
    void putAndDelete_concurrentlyInOneDirectory_neverFailAPut() throws Exception {
        store.createBucket(BUCKET, "o", null);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String key = "shared/deeper/dir/key-" + w;
            tasks.add(() -> {
                for (int i = 0; i < 50; i++) {
                    put(BUCKET, key, "v" + i);
                    assertTrue(store.deleteObject(BUCKET, key));
                }
                put(BUCKET, key, "final");
                return 0;
            });
        }
        runAll(tasks);
        assertEquals(4, listAll(BUCKET, "shared/", null, 10).size());
    }

    // ---- listings

    @Test
    void listObjects_keysWithSlashesAndDashes_sortInUtf8BinaryOrder() throws IOException {
        store.createBucket(BUCKET, "o", null);
        List<String> keys = List.of("a0", "a/b", "a-c", "a", "a/", "a//", "a/b/c", "a.b", "b", "a/b-c", "a/b0",
                "a\u007F", "aé", "a😀", "a\uFF61", "A", "a\u0000", "a ");
        for (String k : keys) {
            put(BUCKET, k, k);
        }
        List<String> listed = listAll(BUCKET, "", null, 1000).stream().map(ListEntry::key).toList();
        assertEquals(List.of("A", "a", "a\u0000", "a ", "a-c", "a.b", "a/", "a//", "a/b", "a/b-c", "a/b/c", "a/b0",
                "a0", "a\u007F", "aé", "a\uFF61", "a😀", "b"), listed);
    }

    @Test
    void listObjects_delimiter_rollsUpCommonPrefixesInOrder() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (String k : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "photos-old/x", "photos/", "readme", "photos/2024-index")) {
            put(BUCKET, k, k);
        }
        ListPage page = store.listObjects(BUCKET, new ListQuery("photos/", "/", null, 100));
        assertEquals(List.of("photos/", "photos/2024-index", "photos/2024/", "photos/2025/", "photos/top.jpg"),
                keys(page));
        assertEquals(List.of(false, false, true, true, false),
                page.entries().stream().map(ListEntry::isPrefix).toList());
        assertFalse(page.truncated());
        assertNull(page.nextAfter());

        assertEquals(List.of("photos-old/", "photos/", "readme"),
                keys(store.listObjects(BUCKET, new ListQuery(null, "/", null, 100))));
        assertEquals(List.of("photos/2024-index", "photos/2024/a.jpg", "photos/2024/b.jpg"),
                keys(store.listObjects(BUCKET, new ListQuery("photos/2024", null, null, 100))));
    }

    @Test
    void listObjects_markerInsideCommonPrefix_doesNotReturnThatPrefixAgain() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (String k : List.of("a/b", "a/c", "a/d/e", "b/x", "c")) {
            put(BUCKET, k, k);
        }
        assertEquals(List.of("b/", "c"), keys(store.listObjects(BUCKET, new ListQuery("", "/", "a/b", 100))));
        assertEquals(List.of("b/", "c"), keys(store.listObjects(BUCKET, new ListQuery("", "/", "a/", 100))));
        assertEquals(List.of("a/", "b/", "c"), keys(store.listObjects(BUCKET, new ListQuery("", "/", "a", 100))));
        assertEquals(List.of("a/c", "a/d/"), keys(store.listObjects(BUCKET, new ListQuery("a/", "/", "a/b", 100))));
    }

    @Test
    void listObjects_truncatedPages_continueFromNextAfter() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (String k : List.of("a/1", "a/2", "b", "c/1", "c/2", "d")) {
            put(BUCKET, k, k);
        }
        ListPage first = store.listObjects(BUCKET, new ListQuery("", "/", null, 2));
        assertEquals(List.of("a/", "b"), keys(first));
        assertTrue(first.truncated());
        assertEquals("b", first.nextAfter());
        ListPage second = store.listObjects(BUCKET, new ListQuery("", "/", first.nextAfter(), 1));
        assertEquals(List.of("c/"), keys(second));
        assertEquals("c/", second.nextAfter());
        ListPage third = store.listObjects(BUCKET, new ListQuery("", "/", second.nextAfter(), 1));
        assertEquals(List.of("d"), keys(third));
        assertFalse(third.truncated());
        assertNull(third.nextAfter());
    }

    @Test
    void listObjects_prefixEndingInsideLongSegment_findsExactlyItsKeys() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String a250 = "a".repeat(250);
        List<String> keys = List.of(a250, a250 + "x", a250 + "y/z", a250 + "/w", "a".repeat(199) + "€" + "b",
                "a".repeat(400) + "/q", "a".repeat(230), "a".repeat(229) + "b");
        for (String k : keys) {
            put(BUCKET, k, k);
        }
        String prefix = "a".repeat(230);
        List<String> expected = utf8Sorted(keys.stream().filter(k -> k.startsWith(prefix)).toList());
        assertEquals(expected, keys(listAll(BUCKET, prefix, null, 2)));
        assertEquals(List.of("a".repeat(230), a250, a250 + "/", "a".repeat(400) + "/", a250 + "x", a250 + "y/"),
                keys(store.listObjects(BUCKET, new ListQuery(prefix, "/", null, 100))));
        assertEquals(List.of(a250 + "y/z"), keys(store.listObjects(BUCKET, new ListQuery(a250 + "y", null, null, 9))));
    }

    @Test
    void listObjects_maxKeysZero_isEmptyAndNotTruncated() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "k", "v");
        ListPage page = store.listObjects(BUCKET, new ListQuery("", null, null, 0));
        assertEquals(List.of(), page.entries());
        assertFalse(page.truncated());
    }

    @Test
    void listObjects_directoryMarkers_areListedAsObjects() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "folder/", "");
        put(BUCKET, "folder/sub/", "");
        put(BUCKET, "folder/file", "x");
        assertEquals(List.of("folder/", "folder/file", "folder/sub/"), keys(listAll(BUCKET, "", null, 100)));
        assertEquals(List.of("folder/", "folder/file", "folder/sub/"),
                keys(store.listObjects(BUCKET, new ListQuery("folder/", "/", null, 100))));
        assertEquals(List.of("folder/"), keys(store.listObjects(BUCKET, new ListQuery("", "/", null, 100))));
        ListEntry marker = store.listObjects(BUCKET, new ListQuery("folder/", "/", null, 1)).entries().getFirst();
        assertEquals(0, marker.info().size());
    }

    @Test
    void listObjects_entriesCarrySizeEtagAndTime() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "k1", "hello");
        ListEntry e = store.listObjects(BUCKET, new ListQuery("", null, null, 10)).entries().getFirst();
        assertEquals("k1", e.key());
        assertEquals(5, e.info().size());
        assertEquals(hex(md5("hello".getBytes(StandardCharsets.UTF_8))), e.info().etag());
        assertEquals(NOW, e.info().lastModified());
    }

    @Test
    void listObjects_randomKeysAndQueries_matchReferenceModel() throws IOException {
        store.createBucket(BUCKET, "o", null);
        Random random = new Random(20250304L);
        TreeSet<String> keys = new TreeSet<>(ObjectStoreContractTest::compareUtf8);
        keys.addAll(List.of("a", "a/", "a/b", "a//b", "a-c", "a0", "/", "//", "dir/", "dir/x", "é", "a/é/b"));
        while (keys.size() < 320) {
            keys.add(randomKey(random));
        }
        for (String k : keys) {
            store.putObject(BUCKET, k, new ByteArrayInputStream(new byte[0]), 0, null, ObjectAttributes.NONE);
        }
        List<String> sorted = List.copyOf(keys);

        List<String> prefixes = new ArrayList<>(List.of("", "a", "a/", "a/b", "dir/", "é", "/", "zz", "b/a", "a-"));
        for (int i = 0; i < 15; i++) {
            prefixes.add(codePointPrefix(sorted.get(random.nextInt(sorted.size())), random));
        }
        // prefixes ending deep inside a long segment, where a store may cut names into pieces
        List<String> longKeys = sorted.stream().filter(k -> k.length() > 200).toList();
        for (int i = 0; i < 10; i++) {
            String k = longKeys.get(random.nextInt(longKeys.size()));
            int cut = 150 + random.nextInt(k.length() - 150);
            prefixes.add(k.substring(0, Character.isLowSurrogate(k.charAt(cut)) ? cut - 1 : cut));
        }
        List<String> delimiters = Arrays.asList(null, "", "/", "-", "a", "//", "é", "/a", "😀");
        int queries = 0;
        for (String prefix : prefixes) {
            for (String delimiter : delimiters) {
                List<ListEntry> all = listAll(BUCKET, prefix, delimiter, 1 + random.nextInt(4));
                assertEquals(model(sorted, prefix, delimiter, null, Integer.MAX_VALUE).keys, keys(all),
                        () -> "paging prefix=" + printable(prefix) + " delimiter=" + printable(delimiter));
                List<String> afters = new ArrayList<>(Arrays.asList(null, "", prefix, prefix + "/", prefix + "a"));
                for (int i = 0; i < 3; i++) {
                    afters.add(sorted.get(random.nextInt(sorted.size())));
                    afters.add(codePointPrefix(sorted.get(random.nextInt(sorted.size())), random));
                }
                for (String after : afters) {
                    for (int maxKeys : new int[] {1, 2, 7, after == null ? 1000 : 40}) {
                        ListQuery q = new ListQuery(prefix, delimiter, after, maxKeys);
                        Model expected = model(sorted, prefix, delimiter, after, maxKeys);
                        ListPage page = store.listObjects(BUCKET, q);
                        assertEquals(expected.keys, keys(page), () -> "query " + describe(q));
                        assertEquals(expected.prefixFlags, page.entries().stream().map(ListEntry::isPrefix).toList(),
                                () -> "prefix flags of " + describe(q));
                        assertEquals(expected.truncated, page.truncated(), () -> "truncated of " + describe(q));
                        assertEquals(expected.truncated ? expected.keys.getLast() : null, page.nextAfter(),
                                () -> "nextAfter of " + describe(q));
                        queries++;
                    }
                }
            }
        }
        assertTrue(queries > 10_000, "queries run: " + queries);
    }

    /** Keys built from pieces that stress ordering and escaping: separators, multi-byte UTF-8, long segments. */
    private static String randomKey(Random random) {
        String[] pieces = {"a", "b", "/", "/", "-", "0", ".", "..", "é", "€", "😀", "\uFF61", " ", "%", "#", "#o",
            "+", "~", "\u0000", "\t", "A", "z", "//", "a/"};
        StringBuilder key = new StringBuilder();
        int n = 1 + random.nextInt(7);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(40);
            if (r == 0) {
                key.append("a".repeat(195 + random.nextInt(10))); // around the 200-byte name limit
            } else if (r == 1) {
                key.append("€".repeat(20 + random.nextInt(5))); // 9 escaped bytes each: chunks cut at triples
            } else {
                key.append(pieces[random.nextInt(pieces.length)]);
            }
        }
        String k = key.toString();
        while (k.getBytes(StandardCharsets.UTF_8).length > 1024) {
            k = k.substring(0, k.length() / 2);
            if (Character.isHighSurrogate(k.charAt(k.length() - 1))) {
                k = k.substring(0, k.length() - 1);
            }
        }
        return k;
    }

    private static String codePointPrefix(String s, Random random) {
        int codePoints = s.codePointCount(0, s.length());
        return s.substring(0, s.offsetByCodePoints(0, random.nextInt(codePoints + 1)));
    }

    private record Model(List<String> keys, List<Boolean> prefixFlags, boolean truncated) {}

    /** The reference: walk all keys in UTF-8 order, filter by prefix and marker, roll up, count. */
    private static Model model(List<String> sorted, String prefix, String delimiter, String after, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String a = after == null || after.isEmpty() ? null : after;
        List<String> out = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (String key : sorted) {
            if (!key.startsWith(p)) {
                continue;
            }
            String entry = key;
            boolean isPrefix = false;
            if (d != null) {
                int at = key.indexOf(d, p.length());
                if (at >= 0) {
                    entry = key.substring(0, at + d.length());
                    isPrefix = true;
                }
            }
            if (a != null && compareUtf8(entry, a) <= 0) {
                continue;
            }
            if (isPrefix && !out.isEmpty() && out.getLast().equals(entry)) {
                continue;
            }
            out.add(entry);
            flags.add(isPrefix);
        }
        boolean truncated = out.size() > maxKeys;
        int n = Math.min(out.size(), maxKeys);
        return new Model(out.subList(0, n), flags.subList(0, n), truncated);
    }

    // ---- helpers

    protected ObjectInfo put(String bucket, String key, String value) throws IOException {
        byte[] body = value.getBytes(StandardCharsets.UTF_8);
        return store.putObject(bucket, key, new ByteArrayInputStream(body), body.length, md5(body),
                ObjectAttributes.NONE);
    }

    protected String get(String bucket, String key) throws IOException {
        try (ObjectReader r = store.openObject(bucket, key)) {
            return new String(readAll(r), StandardCharsets.UTF_8);
        }
    }

    protected static byte[] readAll(ObjectReader r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024 + 3);
        long pos = 0;
        int n;
        while ((n = r.read(buf.clear(), pos)) >= 0) {
            out.write(buf.array(), 0, n);
            pos += n;
        }
        return out.toByteArray();
    }

    /** Every entry of a listing, following nextAfter page by page. */
    protected List<ListEntry> listAll(String bucket, String prefix, String delimiter, int pageSize)
            throws IOException {
        List<ListEntry> all = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 100_000; pages++) {
            ListPage page = store.listObjects(bucket, new ListQuery(prefix, delimiter, after, pageSize));
            all.addAll(page.entries());
            if (!page.truncated()) {
                return all;
            }
            assertEquals(page.entries().getLast().key(), page.nextAfter());
            after = page.nextAfter();
        }
        return fail("listing does not end");
    }

    protected static List<String> keys(ListPage page) {
        return keys(page.entries());
    }

    protected static List<String> keys(List<ListEntry> entries) {
        return entries.stream().map(ListEntry::key).toList();
    }

    protected static List<String> utf8Sorted(Collection<String> keys) {
        return keys.stream().sorted(ObjectStoreContractTest::compareUtf8).toList();
    }

    protected static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    protected static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String describe(ListQuery q) {
        return "prefix=" + printable(q.prefix()) + " delimiter=" + printable(q.delimiter()) + " after="
                + printable(q.after()) + " maxKeys=" + q.maxKeys();
    }

    protected static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02X", c));
            } else if (s.length() > 80 && out.length() > 80) {
                return;
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(s.length() > 80 ? "…(" + s.length() + " chars)\"" : "\"").toString();
    }

    protected static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Hands out a body in small uneven reads, as a network stream does. */
    protected static final class TrickleInputStream extends InputStream {
        private final byte[] body;
        private int pos;

        public TrickleInputStream(byte[] body) {
            this.body = body;
        }

        @Override
        public int read() {
            return pos < body.length ? body[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= body.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + (pos * 31 % 9000)), body.length - pos);
            System.arraycopy(body, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** A clock the test moves. */
    protected static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
