package dev.stowage.s3.handler;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.store.WriteCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditional-write headers of PutObject, CopyObject and CompleteMultipartUpload, as S3 has them:
 * {@code If-None-Match: *} (write only where no object has the key) and {@code If-Match: <etag>} (only over that
 * version); also, as RFC 7232 reads them, {@code If-Match: *} (only over some object) and {@code If-None-Match}
 * with ETags (not over those versions). Lists of ETags, quoted or not, weak or strong.
 */
final class WriteConditions {
    private WriteConditions() {}

    static WriteCondition of(RequestHead head) {
        List<String> match = etags(head.header(S3Headers.IF_MATCH));
        List<String> noneMatch = etags(head.header(S3Headers.IF_NONE_MATCH));
        return match == null && noneMatch == null ? WriteCondition.NONE : new WriteCondition(match, noneMatch);
    }

    /** The {@code If-Match} of a conditional delete (DeleteObject); {@link WriteCondition#NONE} without one. */
    static WriteCondition ifMatch(RequestHead head) {
        return ifMatch(head.header(S3Headers.IF_MATCH));
    }

    /** The condition of an If-Match value (DeleteObjects' {@code ETag} element); NONE when null or blank. */
    static WriteCondition ifMatch(String value) {
        List<String> match = etags(value);
        return match == null ? WriteCondition.NONE : new WriteCondition(match, null);
    }

    private static List<String> etags(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : header.split(",")) {
            String etag = part.trim();
            if (etag.startsWith("W/")) {
                etag = etag.substring(2);
            }
            if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
                etag = etag.substring(1, etag.length() - 1);
            }
            if (!etag.isEmpty()) {
                out.add(etag);
            }
        }
        return out.isEmpty() ? null : out;
    }
}
