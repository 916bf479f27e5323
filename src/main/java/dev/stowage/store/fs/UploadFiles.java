package dev.stowage.store.fs;

import dev.stowage.store.MultipartUpload;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.PartInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Where a multipart upload lives while in progress, outside the key tree so listings never see it:
 *
 * <pre>
 * buckets/&lt;bucket&gt;/uploads/&lt;uploadId&gt;/upload       the create-time key and attributes, in the object file
 *                                                   format with no bytes; its time is the initiation
 * buckets/&lt;bucket&gt;/uploads/&lt;uploadId&gt;/part-00001  one object-format file per part (header, then the bytes)
 * </pre>
 *
 * Upload ids are 32 characters of URL-safe base64 over 24 random bytes: unguessable, and safe as a directory
 * name. Any id from a request is checked against that form before it comes near the filesystem.
 */
final class UploadFiles {
    static final String UPLOAD_FILE = "upload";
    private static final String PART_PREFIX = "part-";
    private static final int ID_BYTES = 24;
    private static final int ID_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataLayout layout;
    private final ObjectFiles files;

    UploadFiles(DataLayout layout, ObjectFiles files) {
        this.layout = layout;
        this.files = files;
    }

    /**
     * A new random upload id (base64url, 32 characters) that does not start with {@code -}: aws-cli would read
     * {@code --upload-id -abc...} as an option and refuse the command (1 id in 64 otherwise).
     */
    static String newUploadId() {
        byte[] random = new byte[ID_BYTES];
        String id;
        do {
            RANDOM.nextBytes(random);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } while (id.charAt(0) == '-');
        return id;
    }

    /** Whether {@code id} has the form of an id this store hands out. */
    static boolean isWellFormed(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The directory of an upload; NoSuchUpload for an id not of our form. */
    Path uploadDir(String bucket, String uploadId) {
        if (!isWellFormed(uploadId)) {
            throw new NoSuchUploadException(uploadId);
        }
        return layout.uploadsDir(bucket).resolve(uploadId);
    }

    static Path partFile(Path uploadDir, int partNumber) {
        return uploadDir.resolve(String.format("%s%05d", PART_PREFIX, partNumber));
    }

    /** The upload, checked to be for {@code key} (null: any key); NoSuchUpload when absent or for another key. */
    MultipartUpload read(String bucket, String key, String uploadId) throws IOException {
        return read(uploadDir(bucket, uploadId), key, uploadId, ByteBuffer.allocate(ObjectFiles.FIRST_READ));
    }

    private MultipartUpload read(Path dir, String key, String uploadId, ByteBuffer scratch) throws IOException {
        ObjectInfo info = files.readInfo(dir.resolve(UPLOAD_FILE), scratch);
        if (info == null || (key != null && !info.key().equals(key))) {
            throw new NoSuchUploadException(uploadId);
        }
        return new MultipartUpload(uploadId, info.key(), info.lastModified(), info.attributes());
    }

    /** An upload's stored parts in part-number order. */
    List<PartInfo> parts(Path dir) throws IOException {
        List<PartInfo> parts = new ArrayList<>();
        ByteBuffer scratch = ByteBuffer.allocate(ObjectFiles.FIRST_READ);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PART_PREFIX + "*")) {
            for (Path entry : entries) {
                int number = partNumber(entry.getFileName().toString());
                ObjectInfo info = number < 1 ? null : files.readInfo(entry, scratch);
                if (info != null) {
                    parts.add(new PartInfo(number, info.size(), info.etag(), info.lastModified(),
                            info.attributes().system()));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        parts.sort(Comparator.comparingInt(PartInfo::partNumber));
        return parts;
    }

    private static int partNumber(String name) {
        try {
            return Integer.parseInt(name.substring(PART_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1; // not a part: a temp name or someone else's file
        }
    }

    /** Every readable upload of a bucket, in (key, initiation, id) order. */
    List<MultipartUpload> all(String bucket) throws IOException {
        List<MultipartUpload> uploads = new ArrayList<>();
        ByteBuffer scratch = ByteBuffer.allocate(ObjectFiles.FIRST_READ);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.uploadsDir(bucket))) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (!isWellFormed(id)) {
                    continue;
                }
                try {
                    uploads.add(read(dir, null, id, scratch));
                } catch (NoSuchUploadException e) {
                    // completed or aborted meanwhile
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        uploads.sort(ORDER);
        return uploads;
    }

    /** Keys in UTF-8 binary order. */
    static int compareKeys(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads in listing order: by key in UTF-8 binary order, then by initiation, then by id. */
    static final Comparator<MultipartUpload> ORDER = Comparator
            .comparing(MultipartUpload::key, UploadFiles::compareKeys)
            .thenComparing(MultipartUpload::initiated)
            .thenComparing(MultipartUpload::uploadId);
}
