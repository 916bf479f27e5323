package dev.stowage.store.fs;

import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes a completed multipart upload's object file: the header first, then each part's bytes appended straight
 * from its part file with {@link FileChannel#transferTo} (copy_file_range: no trip through the heap), so building
 * the object costs one sequential write of its size. {@link DurableFiles#write} forces it to disk afterwards.
 */
final class PartAssembler implements DurableFiles.Content<ObjectInfo> {
    private final String key;
    private final byte[] keyBytes;
    private final List<Path> partFiles;
    private final ObjectAttributes attributes;
    private final ObjectFiles files;
    private final long modifiedMillis;

    /** @param attributes the object's, with its ETag as the {@link ObjectAttributes#ETAG} system fact */
    PartAssembler(String key, byte[] keyBytes, List<Path> partFiles, ObjectAttributes attributes, ObjectFiles files,
            long modifiedMillis) {
        this.key = key;
        this.keyBytes = keyBytes;
        this.partFiles = partFiles;
        this.attributes = attributes;
        this.files = files;
        this.modifiedMillis = modifiedMillis;
    }

    @Override
    public ObjectInfo writeTo(FileChannel channel) throws IOException {
        byte[] header = ObjectHeader.template(keyBytes, attributes);
        channel.position(header.length);
        long size = 0;
        for (Path part : partFiles) {
            try (FsObjectReader reader = files.open(part)) {
                if (reader == null) {
                    throw new IOException("part file vanished during completion: " + part);
                }
                reader.transferTo(0, reader.info().size(), channel);
                size += reader.info().size();
            }
        }
        // The header's MD5 field stays zero: a multipart object's ETag is the system fact, not an MD5 of its bytes.
        ObjectHeader.complete(header, size, new byte[16], modifiedMillis);
        ByteBuffer buf = ByteBuffer.wrap(header);
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        return new ObjectInfo(key, size, attributes.system().get(ObjectAttributes.ETAG),
                Instant.ofEpochMilli(modifiedMillis), attributes);
    }
}
