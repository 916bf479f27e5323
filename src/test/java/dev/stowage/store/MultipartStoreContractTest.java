package dev.stowage.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The multipart part of the {@link ObjectStore} contract: completion is all-or-nothing, a refused completion
 * changes nothing, uploads never show as objects, and completed, aborted and stale uploads are gone.
 */
public abstract class MultipartStoreContractTest extends ObjectStoreContractTest {
    protected static final int MIN = (int) ObjectStore.MIN_PART_SIZE;

    protected static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    protected PartInfo part(String key, String id, int n, byte[] data) throws IOException {
        return store.putPart(BUCKET, key, id, n, new ByteArrayInputStream(data), data.length, null, null);
    }

    protected byte[] read(String key) throws IOException {
        try (ObjectReader r = store.openObject(BUCKET, key)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            long pos = 0;
            int n;
            while ((n = r.read(buf.clear(), pos)) > 0) {
                out.write(buf.array(), 0, n);
                pos += n;
            }
            return out.toByteArray();
        }
    }

    @Test
    void completeUpload_joinsThePartsInOrder_withCreateTimeAttributesAndMultipartEtag() throws IOException {
        store.createBucket(BUCKET, "o", null);
        ObjectAttributes attrs = new ObjectAttributes("text/x-joined", null, null, null, null, null, Map.of("m", "v"));
        String id = store.createUpload(BUCKET, "k", attrs).uploadId();
        byte[] a = random(MIN, 1);
        byte[] b = random(17, 2);
        PartInfo pb = part("k", id, 2, b);
        PartInfo pa = part("k", id, 1, a);
        ObjectInfo info = store.completeUpload(BUCKET, "k", id,
                List.of(new CompletedPart(1, pa.etag()), new CompletedPart(2, pb.etag())), parts -> Map.of());
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        assertArrayEquals(joined, read("k"));
        assertTrue(info.etag().endsWith("-2"));
        ObjectInfo head = store.headObject(BUCKET, "k");
        assertEquals(info.etag(), head.etag());
        assertEquals("text/x-joined", head.attributes().contentType());
        assertEquals(Map.of("m", "v"), head.attributes().userMetadata());
        assertThrows(NoSuchUploadException.class, () -> store.upload(BUCKET, "k", id));
    }

    @Test
    void completeUpload_refused_leavesTheOldObjectAndTheUploadAsTheyWere() throws IOException {
        store.createBucket(BUCKET, "o", null);
        byte[] old = random(100, 3);
        store.putObject(BUCKET, "k", new ByteArrayInputStream(old), old.length, null, ObjectAttributes.NONE);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        PartInfo p1 = part("k", id, 1, random(10, 4));
        PartInfo p2 = part("k", id, 2, random(10, 5));
        List<CompletedPart> tooSmall = List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag()));
        assertThrows(EntityTooSmallException.class, () -> store.completeUpload(BUCKET, "k", id, tooSmall, x -> Map.of()));
        assertThrows(InvalidPartOrderException.class, () -> store.completeUpload(BUCKET, "k", id,
                List.of(new CompletedPart(2, p2.etag()), new CompletedPart(1, p1.etag())), x -> Map.of()));
        assertThrows(InvalidPartException.class, () -> store.completeUpload(BUCKET, "k", id,
                List.of(new CompletedPart(1, p2.etag())), x -> Map.of()));
        assertThrows(IllegalStateException.class, () -> store.completeUpload(BUCKET, "k", id,
                List.of(new CompletedPart(1, p1.etag())), x -> {
                    throw new IllegalStateException("refused by the caller");
                }));
        assertArrayEquals(old, read("k"));
        assertEquals(2, store.listParts(BUCKET, "k", id, 0, 1000).parts().size());
    }

    @Test
    void uploads_areNeverListedAsObjects() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "staged", ObjectAttributes.NONE).uploadId();
        part("staged", id, 1, random(10, 6));
        assertTrue(store.listObjects(BUCKET, new ListQuery(null, null, null, 1000)).entries().isEmpty());
        store.deleteBucket(BUCKET); // uploads in progress do not keep a bucket alive
        assertThrows(NoSuchBucketException.class, () -> store.bucket(BUCKET));
    }

    @Test
    void putPart_sameNumberTwice_keepsTheLast() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        part("k", id, 3, random(10, 7));
        PartInfo last = part("k", id, 3, random(20, 8));
        PartPage page = store.listParts(BUCKET, "k", id, 0, 1000);
        assertEquals(1, page.parts().size());
        assertEquals(last.etag(), page.parts().getFirst().etag());
        assertEquals(20, page.parts().getFirst().size());
    }

    @Test
    void uploadIds_areUnguessableAndHostileIdsAreNoSuchUpload() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String a = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        String b = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        assertNotEquals(a, b);
        assertTrue(a.length() >= 32);
        for (String hostile : List.of("", "..", "../../tmp", "a/b", a + "/..", "x".repeat(300), "\u0000")) {
            assertThrows(NoSuchUploadException.class, () -> store.upload(BUCKET, "k", hostile));
            assertThrows(NoSuchUploadException.class, () -> store.abortUpload(BUCKET, "k", hostile));
        }
        assertThrows(NoSuchUploadException.class, () -> store.upload(BUCKET, "other-key", a));
    }

    @Test
    void abortUpload_removesItAndItsParts() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String id = store.createUpload(BUCKET, "k", ObjectAttributes.NONE).uploadId();
        part("k", id, 1, random(10, 9));
        store.abortUpload(BUCKET, "k", id);
        assertThrows(NoSuchUploadException.class, () -> store.listParts(BUCKET, "k", id, 0, 1000));
        assertThrows(NoSuchUploadException.class, () -> part("k", id, 2, random(10, 10)));
        assertTrue(store.listUploads(BUCKET, new UploadQuery(null, null, null, null, 1000)).uploads().isEmpty());
    }

    @Test
    void removeUploadsInitiatedBefore_removesOnlyTheOldOnes() throws IOException {
        store.createBucket(BUCKET, "o", null);
        String old = store.createUpload(BUCKET, "old", ObjectAttributes.NONE).uploadId();
        clock.set(clock.instant().plus(Duration.ofDays(8)));
        String fresh = store.createUpload(BUCKET, "fresh", ObjectAttributes.NONE).uploadId();
        assertEquals(1, store.removeUploadsInitiatedBefore(clock.instant().minus(Duration.ofDays(7))));
        assertThrows(NoSuchUploadException.class, () -> store.upload(BUCKET, "old", old));
        assertEquals("fresh", store.upload(BUCKET, "fresh", fresh).key());
    }
}
