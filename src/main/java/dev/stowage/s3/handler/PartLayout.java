package dev.stowage.s3.handler;

import dev.stowage.s3.S3Headers;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.PartInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the parts of a completed multipart upload lie in the object, so that GET and HEAD {@code ?partNumber=N} can
 * answer with the Nth part's bytes. Kept as the system fact {@value #FACT}: the parts' sizes in order, runs of
 * equal sizes written once as {@code size*count} ({@code 16777216*15,1048576} for fifteen 16 MiB parts and a
 * 1 MiB last one), so the usual upload costs a few bytes and 10,000 parts of different sizes about 110 KB of the
 * header's 1 MiB. Part N is the Nth part the completion named, whatever number it was uploaded under.
 */
final class PartLayout {
    static final String FACT = "part-sizes";

    private final long[] sizes;

    private PartLayout(long[] sizes) {
        this.sizes = sizes;
    }

    /** The fact for parts in completion order. */
    static Map<String, String> fact(List<PartInfo> parts) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < parts.size()) {
            long size = parts.get(i).size();
            int run = 1;
            while (i + run < parts.size() && parts.get(i + run).size() == size) {
                run++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(size);
            if (run > 1) {
                out.append('*').append(run);
            }
            i += run;
        }
        return Map.of(FACT, out.toString());
    }

    /** The sizes of a multipart object's parts in object order; null for an object put whole. */
    static long[] sizesOf(ObjectInfo info) {
        PartLayout layout = of(info);
        return layout == null ? null : layout.sizes.clone();
    }

    /** The layout of a multipart object, or null for one that was not (or whose fact does not add up). */
    static PartLayout of(ObjectInfo info) {
        String fact = info.attributes().system().get(FACT);
        if (fact == null || fact.isEmpty()) {
            return null;
        }
        List<Long> sizes = new ArrayList<>();
        long total = 0;
        try {
            for (String run : fact.split(",")) {
                int star = run.indexOf('*');
                long size = Long.parseLong(star < 0 ? run : run.substring(0, star));
                int count = star < 0 ? 1 : Integer.parseInt(run.substring(star + 1));
                if (size < 0 || count < 1 || sizes.size() + count > 10_000) {
                    return null;
                }
                for (int c = 0; c < count; c++) {
                    sizes.add(size);
                    total += size;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (total != info.size()) {
            return null;
        }
        return new PartLayout(sizes.stream().mapToLong(Long::longValue).toArray());
    }

    int count() {
        return sizes.length;
    }

    /** The size of part {@code number} (1-based). */
    long size(int number) {
        return sizes[number - 1];
    }

    /**
     * The byte range of part {@code partNumber} of an object with this layout ({@code layout} null: a single-part
     * object, whose part 1 is all of it); 416 InvalidPartNumber beyond the last part.
     */
    static ObjectResponses.ByteRange range(PartLayout layout, int partNumber, ObjectInfo info) {
        int count = layout == null ? 1 : layout.count();
        if (partNumber > count) {
            throw new S3Exception(S3ErrorCode.INVALID_PART_NUMBER)
                    .element("PartNumberRequested", Integer.toString(partNumber))
                    .element("ActualPartCount", Integer.toString(count))
                    .header(S3Headers.CONTENT_RANGE_OUT, "bytes */" + info.size());
        }
        if (layout == null) {
            return new ObjectResponses.ByteRange(0, info.size());
        }
        long start = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            start += layout.sizes[i];
        }
        return new ObjectResponses.ByteRange(start, layout.sizes[partNumber - 1]);
    }
}
