package dev.stowage.store.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stowage.store.BadDigestException;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.IncompleteBodyException;
import dev.stowage.store.ListQuery;
import dev.stowage.store.NoSuchBucketException;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.CompletedPart;
import dev.stowage.store.MultipartStoreContractTest;
import dev.stowage.store.PartInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract, plus what is particular to the filesystem store: layout, temp files, crash leftovers. */
class FsObjectStoreTest extends MultipartStoreContractTest {

    @Override
    protected ObjectStore newStore(Path dataRoot, Clock clock) throws IOException {
        return new FsObjectStore(dataRoot, clock);
    }

    private Path objects() {
        return dataRoot().resolve("buckets").resolve(BUCKET).resolve("objects");
    }

    private Path tmp() {
        return dataRoot().resolve("tmp");
    }

    @Test
    void keys_mapToDocumentedFileNames() throws IOException {
        store.createBucket(BUCKET, "o", null);
        Map<String, String> expected = Map.of(
                "a", "a#o",
                "a/b", "a/b#o",
                "dir/", "dir/%#o",
                "a//b", "a/%/b#o",
                "..", "%2E%2E#o",
                "./x", "%2E/x#o",
                "%", "%25#o",
                "#o", "%23o#o",
                "x y+z", "x y+z#o",
                "é\u0000", "%C3%A9%00#o");
        for (String key : expected.keySet()) {
            put(BUCKET, key, key);
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(Files.isRegularFile(objects().resolve(e.getValue())), e.getValue());
        }
        assertTrue(Files.exists(dataRoot().resolve("buckets").resolve(BUCKET).resolve("bucket.json")));
    }

    @Test
    void longSegment_isSplitIntoContinuationDirectories() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "z".repeat(450), "v");
        assertTrue(Files.isRegularFile(
                objects().resolve("z".repeat(200) + "#c/" + "z".repeat(200) + "#c/" + "z".repeat(50) + "#o")));
        put(BUCKET, "€".repeat(100) + "/x", "v");
        // 9 escaped bytes per €: a chunk holds 22 of them (198 bytes) since a %XX is never cut
        String chunk = "%E2%82%AC".repeat(22);
        assertTrue(Files.isRegularFile(objects().resolve(
                (chunk + "#c/").repeat(4) + "%E2%82%AC".repeat(12) + "/x#o")));
        put(BUCKET, "q".repeat(200) + ".", "v");
        assertTrue(Files.isRegularFile(objects().resolve("q".repeat(200) + "#c/%2E#o")));
        assertEquals("v", get(BUCKET, "q".repeat(200) + "."));
    }

    @Test
    void hostileKeys_createNothingOutsideTheirBucket() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (String key : HOSTILE_KEYS) {
            put(BUCKET, key, key);
        }
        try (Stream<Path> top = Files.list(tempDir)) {
            assertEquals(List.of(dataRoot()), top.toList());
        }
        Path bucketDir = dataRoot().resolve("buckets").resolve(BUCKET);
        try (Stream<Path> all = Files.walk(dataRoot())) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                assertTrue(name.length() <= 255 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7F), name);
                if (Files.isRegularFile(p) && !p.startsWith(tmp())) {
                    assertTrue(p.startsWith(objects()) || p.equals(bucketDir.resolve("bucket.json")), p::toString);
                }
            }
        }
        assertTrue(maxPathLength(dataRoot()) < 4000);
        for (String key : HOSTILE_KEYS) {
            store.deleteObject(BUCKET, key); // a 1024-deep tree is slow for the temp dir's own cleanup
        }
    }

    private static int maxPathLength(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.mapToInt(p -> p.toString().length()).max().orElse(0);
        }
    }

    @Test
    void deleteObjectIf_deletesOnlyWhenThePredicateHoldsForTheObjectThere() throws IOException {
        store.createBucket(BUCKET, "o", null);
        ObjectInfo put = put(BUCKET, "k", "v1");
        assertFalse(store.deleteObjectIf(BUCKET, "k", current -> !current.etag().equals(put.etag())));
        assertTrue(store.findObject(BUCKET, "k").isPresent());
        assertTrue(store.deleteObjectIf(BUCKET, "k", current -> current.etag().equals(put.etag())));
        assertTrue(store.findObject(BUCKET, "k").isEmpty());
        assertFalse(store.deleteObjectIf(BUCKET, "k", current -> true));
    }

    @Test
    void deleteObject_removesEmptyParentDirectories() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "a/b/c/d", "v");
        put(BUCKET, "a/x", "v");
        store.deleteObject(BUCKET, "a/b/c/d");
        assertTrue(Files.isDirectory(objects().resolve("a")));
        assertFalse(Files.exists(objects().resolve("a/b")));
        store.deleteObject(BUCKET, "a/x");
        assertTrue(Files.isDirectory(objects()));
        assertEquals(0, countEntries(objects()));
    }

    @Test
    void deleteBucket_withOnlyEmptyDirectoriesLeft_succeeds() throws IOException {
        store.createBucket(BUCKET, "o", null);
        Files.createDirectories(objects().resolve("left/over/dirs"));
        Files.createDirectories(objects().resolve("more#c"));
        store.deleteBucket(BUCKET);
        assertFalse(Files.exists(dataRoot().resolve("buckets").resolve(BUCKET)));
        assertEquals(0, countEntries(instanceTmp()));
    }

    @Test
    void listObjects_emptyLeftoverDirectories_produceNoCommonPrefix() throws IOException {
        store.createBucket(BUCKET, "o", null);
        Files.createDirectories(objects().resolve("ghost"));
        Files.createDirectories(objects().resolve("ghost2/deeper/still"));
        put(BUCKET, "real/x", "v");
        put(BUCKET, "ghost3/deep/x", "v");
        assertEquals(List.of("ghost3/", "real/"), keys(store.listObjects(BUCKET, new ListQuery("", "/", null, 10))));
        assertEquals(List.of("ghost3/deep/x", "real/x"), keys(listAll(BUCKET, "", null, 1)));
    }

    @Test
    void failedPuts_leaveNoTempFiles() throws IOException {
        store.createBucket(BUCKET, "o", null);
        // one buffer, and several (whose digest is computed beside the writing)
        for (int size : new int[] {200_000, 1_500_000}) {
            byte[] body = new byte[size];
            assertThrows(BadDigestException.class, () -> store.putObject(BUCKET, "k",
                    new ByteArrayInputStream(body), body.length, new byte[16], ObjectAttributes.NONE));
            assertThrows(IncompleteBodyException.class, () -> store.putObject(BUCKET, "k",
                    new ByteArrayInputStream(body), body.length + 1, null, ObjectAttributes.NONE));
        }
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("boom");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> store.putObject(BUCKET, "k", failing, -1, null, ObjectAttributes.NONE));
        assertEquals(0, countEntries(instanceTmp()));
        assertEquals(0, countEntries(objects()));
    }

    @Test
    void startup_removesDeadInstancesTempFiles() throws IOException {
        Path live = instanceTmp();
        Files.writeString(tmp().resolve("dead01.lock"), "");
        Files.createDirectories(tmp().resolve("dead01/nested"));
        Files.writeString(tmp().resolve("dead01/put-1"), "half an upload");
        Files.createDirectories(tmp().resolve("orphan"));
        Files.writeString(tmp().resolve("orphan/put-9"), "no lock file at all");

        try (FsObjectStore second = new FsObjectStore(dataRoot(), clock)) {
            assertFalse(Files.exists(tmp().resolve("dead01")));
            assertFalse(Files.exists(tmp().resolve("dead01.lock")));
            assertFalse(Files.exists(tmp().resolve("orphan")));
            assertTrue(Files.isDirectory(live), "a live instance keeps its temp dir");
            assertTrue(Files.exists(tmp().resolve(live.getFileName() + ".lock")));
            assertEquals(2, countEntries(tmp(), p -> Files.isDirectory(p)));
            assertEquals(List.of(), second.listBuckets());
        }
        assertTrue(Files.isDirectory(live));
        assertEquals(1, countEntries(tmp(), p -> Files.isDirectory(p)));
    }

    @Test
    void close_removesOwnTempDirAndLock() throws IOException {
        Path own = instanceTmp();
        ((FsObjectStore) store).close();
        assertFalse(Files.exists(own));
        assertEquals(0, countEntries(tmp()));
        store = newStore(dataRoot(), clock);
    }

    @Test
    void sharedDataDir_instancesSeeEachOthersBucketsAndObjects() throws IOException {
        try (FsObjectStore other = new FsObjectStore(dataRoot(), clock, Duration.ZERO)) {
            store.createBucket(BUCKET, "o", null);
            put(BUCKET, "k", "from first");
            assertEquals(store.bucket(BUCKET), other.bucket(BUCKET));
            try (var reader = other.openObject(BUCKET, "k")) {
                assertEquals("from first", new String(readAll(reader), StandardCharsets.UTF_8));
            }
            store.deleteObject(BUCKET, "k");

            other.deleteBucket(BUCKET);
            assertThrows(NoSuchBucketException.class, () -> store.headObject(BUCKET, "k"));
            assertThrows(NoSuchBucketException.class, () -> put(BUCKET, "k", "v"));

            BucketInfo recreated = store.createBucket(BUCKET, "o2", null);
            assertEquals(recreated, other.bucket(BUCKET), "a re-created bucket is seen once trust expires");
        }
    }

    @Test
    void corruptObjectFile_countsAsAbsent() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "good", "v");
        Files.writeString(objects().resolve("bad#o"), "not an object file");
        Files.write(objects().resolve("short#o"), new byte[] {0x53, 0x54});
        assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, "bad"));
        assertThrows(NoSuchKeyException.class, () -> store.openObject(BUCKET, "short"));
        assertEquals(List.of("good"), keys(store.listObjects(BUCKET, new ListQuery("", null, null, 10))));
    }

    @Test
    void foreignAndReservedNames_areIgnoredByListings() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "k", "v");
        Files.createDirectories(objects().resolve("#versions"));
        Files.writeString(objects().resolve("#versions/x#o"), "reserved");
        Files.writeString(objects().resolve("weird#z"), "unknown suffix");
        Files.writeString(objects().resolve("bad%zz#o"), "bad escape");
        assertEquals(List.of("k"), keys(store.listObjects(BUCKET, new ListQuery("", null, null, 10))));
        assertEquals(List.of("k"), keys(store.listObjects(BUCKET, new ListQuery("", "/", null, 10))));
    }

    @Test
    void bucketFile_roundTripsAwkwardValues() {
        BucketInfo info = new BucketInfo("b", "own\"er\\ \u0001 é 😀 \uD800", Instant.parse("2025-01-02T03:04:05.678Z"),
                Long.MAX_VALUE, null);
        assertEquals(info, BucketFile.decode(BucketFile.encode(info)));
        assertThrows(IllegalArgumentException.class,
                () -> BucketFile.decode("{\"name\":\"b\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nameCodec_everySingleByteSegment_decodesBack() {
        for (int b = 0; b < 256; b++) {
            byte[] key = {(byte) b};
            StringBuilder name = new StringBuilder();
            NameCodec.appendSegment(name, key, 0, 1, NameCodec.OBJECT_SUFFIX);
            String n = name.toString();
            assertEquals(NameCodec.Kind.OBJECT, NameCodec.kind(n), n);
            assertFalse(n.contains("/") || n.startsWith("#"), n);
            assertArrayEquals(key, NameCodec.decode(n, NameCodec.escapedLength(n, NameCodec.Kind.OBJECT),
                    Bytes.EMPTY, -1), n);
        }
    }

    @Test
    void listingPerformance_isPrinted() throws IOException {
        store.createBucket("flat", "o", null);
        store.createBucket("nested", "o", null);
        Path flat = dataRoot().resolve("buckets/flat/objects");
        Path nested = dataRoot().resolve("buckets/nested/objects");
        for (int i = 1; i <= 10_000; i++) {
            writeObjectFile(flat, String.format("key-%05d", i));
            writeObjectFile(nested, String.format("dir-%02d/obj-%04d", i % 10, i));
        }
        printTiming("list 1000 of 10,000 flat keys, fresh dir", () -> store.listObjects("flat",
                new ListQuery("", null, null, 1000)));
        printTiming("list 1000 keys, prefix dir-05/, fresh dir", () -> store.listObjects("nested",
                new ListQuery("dir-05/", "/", null, 1000)));
        // a bucket that has been quiet for a while: its directory listings are kept in memory
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(flat, old);
        for (int d = 0; d < 10; d++) {
            Files.setLastModifiedTime(nested.resolve(String.format("dir-%02d", d)), old);
        }
        printTiming("list 1000 of 10,000 flat keys", () -> store.listObjects("flat", new ListQuery("", null, null,
                1000)));
        printTiming("list 1000 flat keys after key-05000", () -> store.listObjects("flat",
                new ListQuery("", null, "key-05000", 1000)));
        printTiming("list 1000 keys, prefix dir-05/, delimiter /", () -> store.listObjects("nested",
                new ListQuery("dir-05/", "/", null, 1000)));
        printTiming("list common prefixes of 10,000 nested keys", () -> store.listObjects("nested",
                new ListQuery("", "/", null, 1000)));
        assertEquals(1000, store.listObjects("nested", new ListQuery("dir-05/", "/", null, 1000)).entries().size());
        assertEquals(10, store.listObjects("nested", new ListQuery("", "/", null, 1000)).entries().size());

        byte[] body = new byte[4096];
        printTiming("put 4 KiB", () -> store.putObject("flat", "small/obj-" + System.nanoTime(),
                new ByteArrayInputStream(body), body.length, null, ObjectAttributes.NONE));
        printTiming("head", () -> store.headObject("flat", "key-04242"));
    }

    @Test
    void listObjects_largeQuietDirectory_seesLaterChanges() throws IOException {
        store.createBucket(BUCKET, "o", null);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            keys.add(String.format("k%04d", i));
            writeObjectFile(objects(), keys.getLast());
        }
        Files.setLastModifiedTime(objects(), FileTime.from(Instant.now().minusSeconds(3600)));
        assertEquals(keys, keys(listAll(BUCKET, "", null, 1000)));
        assertEquals(keys, keys(listAll(BUCKET, "", null, 1000)), "listed again from memory");

        put(BUCKET, "k0350x", "new");
        assertTrue(keys(listAll(BUCKET, "", null, 1000)).contains("k0350x"));
        store.deleteObject(BUCKET, "k0350x");
        store.deleteObject(BUCKET, "k0001");
        List<String> after = keys(listAll(BUCKET, "", null, 1000));
        assertFalse(after.contains("k0350x") || after.contains("k0001"));
        assertEquals(699, after.size());
    }

    /** An object file written directly, without the fsyncs, to build large buckets fast. */
    private static void writeObjectFile(Path objectsDir, String key) throws IOException {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] header = ObjectHeader.template(keyBytes, ObjectAttributes.NONE);
        ObjectHeader.complete(header, 0, md5(new byte[0]), NOW.toEpochMilli());
        Path file = objectsDir.resolve(KeyPaths.objectFile(keyBytes));
        Files.createDirectories(file.getParent());
        Files.write(file, header);
    }

    private interface Action {
        Object run() throws IOException;
    }

    private static void printTiming(String what, Action action) throws IOException {
        for (int i = 0; i < 10; i++) {
            action.run();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            action.run();
            nanos.add(System.nanoTime() - start);
        }
        nanos.sort(null);
        System.out.printf("[perf] %-46s median %7.3f ms, p90 %7.3f ms%n", what, nanos.get(10) / 1e6,
                nanos.get(18) / 1e6);
    }

    private Path instanceTmp() throws IOException {
        try (Stream<Path> entries = Files.list(tmp())) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static long countEntries(Path dir) throws IOException {
        return countEntries(dir, p -> true);
    }

    private static long countEntries(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(which).count();
        }
    }

    private List<Path> regularFilesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    @Test
    void completedAndAbortedUploads_leaveNoStagedFiles() throws Exception {
        store.createBucket(BUCKET, "o", null);
        String done = store.createUpload(BUCKET, "done", ObjectAttributes.NONE).uploadId();
        PartInfo p1 = part("done", done, 1, random(MIN, 1));
        PartInfo p2 = part("done", done, 2, random(5, 2));
        String aborted = store.createUpload(BUCKET, "aborted", ObjectAttributes.NONE).uploadId();
        part("aborted", aborted, 1, random(5, 3));
        // two upload files and three parts
        assertEquals(5, regularFilesUnder(dataRoot().resolve("buckets").resolve(BUCKET).resolve("uploads")).size());

        store.completeUpload(BUCKET, "done", done, List.of(new CompletedPart(1, p1.etag()),
                new CompletedPart(2, p2.etag())), parts -> Map.of());
        store.abortUpload(BUCKET, "aborted", aborted);

        assertEquals(List.of(), regularFilesUnder(dataRoot().resolve("buckets").resolve(BUCKET).resolve("uploads")));
        assertTrue(((FsObjectStore) store).awaitDiscarded(30_000));
        assertEquals(List.of(), regularFilesUnder(tmp()));
        assertEquals(List.of(objects().resolve("done#o")), regularFilesUnder(objects()));
    }

    @Test
    void uploadClaimedByAnInstanceThatDied_isRestoredAtStart_andCompletesOnRetry() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        PartInfo p1 = part("k", id, 1, random(5, 8));
        Path uploads = dataRoot().resolve("buckets").resolve(BUCKET).resolve("uploads");
        // what a completion leaves when its process dies while assembling: the claim, named for its instance
        Files.move(uploads.resolve(id), uploads.resolve(id + ".completing.0123456789abcdef"));
        assertThrows(NoSuchUploadException.class, () -> store.listParts(BUCKET, "k", id, 0, 1000));

        try (FsObjectStore restarted = new FsObjectStore(dataRoot(), clock)) {
            assertEquals(1, restarted.listParts(BUCKET, "k", id, 0, 1000).parts().size());
            restarted.completeUpload(BUCKET, "k", id, List.of(new CompletedPart(1, p1.etag())), parts -> Map.of());
            assertEquals(5, restarted.headObject(BUCKET, "k").size());
        }
        assertEquals(List.of(), regularFilesUnder(uploads));
    }

    @Test
    void uploadClaimedByARunningInstance_isLeftAlone() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        part("k", id, 1, random(5, 9));
        Path uploads = dataRoot().resolve("buckets").resolve(BUCKET).resolve("uploads");
        try (FsObjectStore running = new FsObjectStore(dataRoot(), clock)) {
            // a completion in progress in another live instance (its temp directory's lock is held)
            String liveInstance = Files.list(tmp()).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".lock")).map(n -> n.substring(0, n.length() - ".lock".length()))
                    .findFirst().orElseThrow();
            Path claim = uploads.resolve(id + ".completing." + liveInstance);
            Files.move(uploads.resolve(id), claim);
            try (FsObjectStore third = new FsObjectStore(dataRoot(), clock)) {
                assertTrue(Files.isDirectory(claim));
                assertThrows(NoSuchUploadException.class, () -> third.listParts(BUCKET, "k", id, 0, 1000));
            }
        }
    }

    @Test
    void abortRacingCompletion_neverBothSucceed() throws Exception {
        store.createBucket(BUCKET, "o", null);
        int bothSucceeded = 0;
        int completions = 0;
        for (int i = 0; i < 100; i++) {
            String key = "race-" + i;
            String id = store.createUpload(BUCKET, key, ObjectAttributes.NONE).uploadId();
            PartInfo p1 = part(key, id, 1, random(1000, i));
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.CompletableFuture<Boolean> completed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    store.completeUpload(BUCKET, key, id, List.of(new CompletedPart(1, p1.etag())), parts -> Map.of());
                    return true;
                } catch (NoSuchUploadException e) {
                    return false;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            boolean aborted;
            start.await();
            try {
                store.abortUpload(BUCKET, key, id);
                aborted = true;
            } catch (NoSuchUploadException e) {
                aborted = false;
            }
            boolean complete = completed.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(aborted || complete, "one of them wins (" + key + ")");
            if (aborted && complete) {
                bothSucceeded++;
            }
            if (complete) {
                completions++;
                assertNotNull(store.headObject(BUCKET, key));
            } else {
                assertThrows(NoSuchKeyException.class, () -> store.headObject(BUCKET, key));
            }
        }
        assertEquals(0, bothSucceeded, "aborts that answered success although the upload was completed ("
                + completions + " completions in 100 races)");
    }

    @Test
    void completeUpload_objectFileIsHeaderThenTheParts() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        byte[] a = random(MIN, 4);
        byte[] b = random(3, 5);
        PartInfo p1 = part("k", id, 1, a);
        PartInfo p2 = part("k", id, 2, b);
        store.completeUpload(BUCKET, "k", id, List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag())),
                parts -> Map.of());
        long fileSize = Files.size(objects().resolve("k#o"));
        assertTrue(fileSize > a.length + b.length && fileSize < a.length + b.length + 4096);
    }

    @Test
    void openObject_largeObject_fileKeepsTheOpenedVersionAcrossOverwriteAndDelete() throws Exception {
        store.createBucket(BUCKET, "o", null);
        byte[] first = random(2 << 20, 7);
        store.putObject(BUCKET, "big", new ByteArrayInputStream(first), first.length, null, ObjectAttributes.NONE);
        try (ObjectReader reader = store.openObject(BUCKET, "big")) {
            ObjectReader.ObjectFile file = reader.file();
            assertNotNull(file);
            put(BUCKET, "big", "replaced");
            assertArrayEquals(first, fileBytes(file, first.length));
            store.deleteObject(BUCKET, "big");
            assertArrayEquals(first, fileBytes(file, first.length));
        }
        FsObjectStore fs = (FsObjectStore) store;
        assertTrue(fs.awaitDiscarded(30_000));
        // whatever is left in the temp directory is an emptied spare (the replaced 2 MiB file is one only if the
        // reaper came to it after the reader's link was gone)
        assertEquals(fs.spareFiles(), regularFilesUnder(tmp()).size());
        for (Path spare : regularFilesUnder(tmp())) {
            assertEquals(0, Files.size(spare), "a spare file is empty");
        }
    }

    @Test
    void deletedObjectsFile_isEmptiedAndReusedByTheNextPut() throws Exception {
        FsObjectStore fs = (FsObjectStore) store;
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "gone", "x".repeat(10_000));
        Object inode = Files.readAttributes(objects().resolve("gone#o"), BasicFileAttributes.class).fileKey();
        store.deleteObject(BUCKET, "gone");
        assertTrue(fs.awaitDiscarded(30_000));

        assertEquals(1, fs.spareFiles());
        List<Path> spares = regularFilesUnder(instanceTmp());
        assertEquals(1, spares.size());
        assertEquals(0, Files.size(spares.get(0)), "emptied before reuse");

        put(BUCKET, "new", "fresh");
        assertEquals(0, fs.spareFiles());
        assertEquals(inode, Files.readAttributes(objects().resolve("new#o"), BasicFileAttributes.class).fileKey(),
                "the put wrote into the deleted object's file");
        assertEquals("fresh", get(BUCKET, "new"));
        assertEquals(List.of(), regularFilesUnder(instanceTmp()));
    }

    @Test
    void cleanStop_leavesItsSpareFilesToTheNextInstance_whichWritesIntoThem() throws Exception {
        FsObjectStore fs = (FsObjectStore) store;
        store.createBucket(BUCKET, "o", null);
        Set<Object> spareInodes = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            put(BUCKET, "gone" + i, "x".repeat(5_000 + i));
            spareInodes.add(Files.readAttributes(objects().resolve("gone" + i + "#o"), BasicFileAttributes.class)
                    .fileKey());
        }
        put(BUCKET, "kept", "kept");
        for (int i = 0; i < 5; i++) {
            store.deleteObject(BUCKET, "gone" + i);
        }
        assertTrue(fs.awaitDiscarded(30_000));
        assertEquals(5, fs.spareFiles());
        String stopped = instanceTmp().getFileName().toString();
        fs.close();

        // only the spares are left, under a name no instance owns, and no lock file
        Path left = tmp().resolve(InstanceTempDir.SPARES_PREFIX + stopped);
        assertEquals(List.of(left), Files.list(tmp()).toList());
        assertEquals(5, regularFilesUnder(left).size());
        for (Path spare : regularFilesUnder(left)) {
            assertEquals(0, Files.size(spare), "a spare file is empty");
        }

        FsObjectStore next = new FsObjectStore(dataRoot(), clock);
        store = next;
        assertEquals(5, next.spareFiles(), "the spares are taken over");
        assertFalse(Files.exists(left));
        assertEquals(5, regularFilesUnder(instanceTmp()).size());
        Set<Object> written = new HashSet<>();
        for (int i = 0; i < 8; i++) { // more than the spares: later writes take fresh names beside them
            put(BUCKET, "new" + i, "content " + i);
            written.add(Files.readAttributes(objects().resolve("new" + i + "#o"), BasicFileAttributes.class)
                    .fileKey());
        }
        assertEquals(0, next.spareFiles());
        assertTrue(written.containsAll(spareInodes), "the first five puts wrote into the taken-over files");
        for (int i = 0; i < 8; i++) {
            assertEquals("content " + i, get(BUCKET, "new" + i));
        }
        assertEquals("kept", get(BUCKET, "kept"));
        assertEquals(List.of(), regularFilesUnder(instanceTmp()));
    }

    @Test
    void startup_takesOverOneSparesDirectory_withFreshNamesAfterItsOwn() throws Exception {
        ((FsObjectStore) store).close();
        Path first = Files.createDirectories(tmp().resolve(InstanceTempDir.SPARES_PREFIX + "aaaa"));
        Path second = Files.createDirectories(tmp().resolve(InstanceTempDir.SPARES_PREFIX + "bbbb"));
        Files.createFile(first.resolve("deleted-41"));
        Files.createFile(second.resolve("replaced-7"));

        try (InstanceTempDir temp = InstanceTempDir.open(tmp())) {
            List<Path> adopted = temp.takeAdopted();
            assertEquals(1, adopted.size());
            assertEquals(temp.directory(), adopted.get(0).getParent());
            String name = adopted.get(0).getFileName().toString();
            long taken = Long.parseLong(name.substring(name.lastIndexOf('-') + 1));
            assertTrue(taken == 41 || taken == 7, name);
            String fresh = temp.newPath("deleted").getFileName().toString();
            assertTrue(Long.parseLong(fresh.substring("deleted-".length())) > taken, fresh + " after " + name);
            assertEquals(List.of(), temp.takeAdopted(), "handed out once");
            assertEquals(1, Files.list(tmp()).filter(p -> p.getFileName().toString()
                    .startsWith(InstanceTempDir.SPARES_PREFIX)).count(), "the other one waits for the next start");
        }
        store = newStore(dataRoot(), clock);
        assertEquals(1, ((FsObjectStore) store).spareFiles(), "the remaining one is taken over by the next start");
    }

    @Test
    void deletedObjectStillBeingRead_keepsItsBytes_andItsFileIsNotReused() throws Exception {
        FsObjectStore fs = (FsObjectStore) store;
        store.createBucket(BUCKET, "o", null);
        byte[] body = random(40_000, 11); // beyond the bytes read with the header: the reader reads the file
        store.putObject(BUCKET, "read", new ByteArrayInputStream(body), body.length, null, ObjectAttributes.NONE);
        try (ObjectReader reader = store.openObject(BUCKET, "read")) {
            store.deleteObject(BUCKET, "read");
            assertTrue(fs.awaitDiscarded(30_000));
            assertEquals(0, fs.spareFiles(), "a file someone may be reading is unlinked, not emptied");
            byte[] other = random(40_000, 12);
            store.putObject(BUCKET, "other", new ByteArrayInputStream(other), other.length, null, ObjectAttributes.NONE);
            assertArrayEquals(body, readAll(reader));
        }
    }

    @Test
    void deletedObjectsFile_isNotReused_whileAnotherInstanceSharesTheDataDirectory() throws Exception {
        FsObjectStore fs = (FsObjectStore) store;
        try (FsObjectStore other = new FsObjectStore(dataRoot(), clock)) {
            store.createBucket(BUCKET, "o", null);
            put(BUCKET, "k", "shared");
            store.deleteObject(BUCKET, "k");
            assertTrue(fs.awaitDiscarded(30_000));
            assertEquals(0, fs.spareFiles(), "a reader in the other process could not be seen");
            assertEquals(List.of(), regularFilesUnder(instanceTmp()));
        }
    }

    @Test
    void openObject_smallObject_hasNoFile() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "small", "v");
        try (ObjectReader reader = store.openObject(BUCKET, "small")) {
            assertNull(reader.file());
        }
    }

    @Test
    void openObject_readsOfAnyOffsetAndLength_returnTheObjectsBytes_aroundTheFirstReadsEnd() throws IOException {
        store.createBucket(BUCKET, "o", null);
        for (int size : new int[] {0, 1, 4096, 7000, ObjectFiles.OPEN_READ - 40, ObjectFiles.OPEN_READ,
                ObjectFiles.OPEN_READ + 1, 3 * ObjectFiles.OPEN_READ}) {
            byte[] body = random(size, size);
            store.putObject(BUCKET, "k" + size, new ByteArrayInputStream(body), size, null, ObjectAttributes.NONE);
            for (int chunk : new int[] {1, 100, 4096, 9000}) {
                for (int start = 0; start < size; start += Math.max(1, size / 7)) {
                    try (ObjectReader reader = store.openObject(BUCKET, "k" + size)) {
                        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(chunk);
                        long pos = start;
                        int n;
                        while ((n = reader.read(buf.clear(), pos)) > 0) {
                            got.write(buf.array(), 0, n);
                            pos += n;
                        }
                        assertArrayEquals(java.util.Arrays.copyOfRange(body, start, size), got.toByteArray(),
                                "size " + size + " chunk " + chunk + " from " + start);
                    }
                }
            }
        }
    }

    @Test
    void openObject_fileCutShortAfterItsHeader_countsAsAbsent() throws IOException {
        store.createBucket(BUCKET, "o", null);
        put(BUCKET, "cut", "0123456789");
        Path file = objects().resolve("cut#o");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));
        assertThrows(NoSuchKeyException.class, () -> store.openObject(BUCKET, "cut").close());
    }

    @Test
    void putObject_bodyOfSeveralFlushSteps_roundTrips() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] body = random((int) (2.5 * EarlyFlush.STEP), 8);
        ObjectInfo info = store.putObject(BUCKET, "big", new ByteArrayInputStream(body), body.length, null,
                ObjectAttributes.NONE);
        assertEquals(body.length, info.size());
        try (ObjectReader reader = store.openObject(BUCKET, "big")) {
            assertArrayEquals(body, fileBytes(reader.file(), body.length));
        }
    }

    private static byte[] fileBytes(ObjectReader.ObjectFile file, int length) throws IOException {
        byte[] all = Files.readAllBytes(file.path());
        return java.util.Arrays.copyOfRange(all, (int) file.dataStart(), (int) file.dataStart() + length);
    }
}
