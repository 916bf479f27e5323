package dev.stowage.s3.handler;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.HttpDates;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.lifecycle.LifecycleConfiguration;
import dev.stowage.s3.StorageClassHeader;
import dev.stowage.s3.WebsiteRedirectHeader;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** What GetObject and HeadObject share: conditional requests, ranges and the object's response headers. */
final class ObjectResponses {
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private ObjectResponses() {}

    /** A satisfiable byte range of an object: {@code length} bytes from {@code start}. */
    record ByteRange(long start, long length) {
        String contentRange(long size) {
            return "bytes " + start + "-" + (start + length - 1) + "/" + size;
        }
    }

    /**
     * What a GET or HEAD serves: all of the object ({@code range} null), the bytes of a Range header, or with
     * {@code ?partNumber=N} those of part N and the object's number of parts ({@code partsCount}, 0 when it was
     * not a multipart upload, as AWS then sends no {@code x-amz-mp-parts-count}).
     */
    record Selection(ByteRange range, int partsCount) {
        int status() {
            return range == null ? 200 : 206;
        }

        /** Adds Content-Range and x-amz-mp-parts-count as they apply. */
        S3Response headers(S3Response response, long size) {
            if (range != null) {
                response.header(S3Headers.CONTENT_RANGE_OUT, range.contentRange(size));
            }
            if (partsCount > 0) {
                response.header(S3Headers.X_AMZ_MP_PARTS_COUNT_OUT, Integer.toString(partsCount));
            }
            return response;
        }
    }

    private static final List<String> OVERRIDES = List.of("response-content-type", "response-content-language",
            "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding");

    /**
     * The {@code response-*} overrides are for signed requests only (AWS: 400 InvalidRequest for an anonymous one,
     * so that a public object cannot be served under another type from the bucket's origin).
     */
    static void requireSignedForOverrides(S3Request request) {
        if (request.principal().isAnonymous()) {
            for (String param : OVERRIDES) {
                if (request.head().hasParam(param)) {
                    throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                            "Request specific response headers cannot be used for anonymous GET requests.");
                }
            }
        }
    }

    /** The status and headers of a GET or HEAD answer: the object's, the selection's, whole-object checksums. */
    static S3Response response(Selection selection, ObjectInfo info, S3Request request) {
        RequestHead head = request.head();
        S3Response response = selection.headers(objectHeaders(S3Response.status(selection.status()), info, head),
                info.size());
        expiration(response, request, info);
        if (selection.range() == null && ChecksumFacts.modeEnabled(head)) {
            ChecksumFacts.headers(response, info.attributes().system(), true);
        }
        return response;
    }

    static Selection select(RequestHead head, ObjectInfo info, int partNumber) {
        String rangeHeader = head.header(S3Headers.RANGE);
        if (partNumber == 0) {
            return new Selection(range(rangeHeader, info.size()), 0);
        }
        if (rangeHeader != null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                    "Cannot specify both Range header and partNumber query parameter");
        }
        PartLayout layout = PartLayout.of(info);
        ByteRange part = PartLayout.range(layout, partNumber, info);
        // an empty single-part object has no byte to name in a Content-Range
        return new Selection(layout == null && info.size() == 0 ? null : part, layout == null ? 0 : layout.count());
    }

    /**
     * Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since in the order RFC 7232 gives
     * (S3 follows it): 412 PreconditionFailed or 304 Not Modified, thrown.
     */
    static void checkPreconditions(RequestHead head, ObjectInfo info) {
        String etag = info.etag();
        Instant modified = info.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = head.header(S3Headers.IF_MATCH);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, etag)) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED).element("Condition", "If-Match");
            }
        } else {
            Instant since = HttpDates.parse(head.header(S3Headers.IF_UNMODIFIED_SINCE));
            if (since != null && modified.isAfter(since)) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED).element("Condition", "If-Unmodified-Since");
            }
        }
        String ifNoneMatch = head.header(S3Headers.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, etag)) {
                throw notModified(info);
            }
        } else {
            Instant since = HttpDates.parse(head.header(S3Headers.IF_MODIFIED_SINCE));
            if (since != null && !modified.isAfter(since)) {
                throw notModified(info);
            }
        }
    }

    private static S3Exception notModified(ObjectInfo info) {
        return new S3Exception(S3ErrorCode.NOT_MODIFIED)
                .header(S3Headers.ETAG_OUT, '"' + info.etag() + '"')
                .header(S3Headers.LAST_MODIFIED_OUT, HttpDates.format(info.lastModified()));
    }

    /** Whether an If-Match / If-None-Match list names this ETag (or is {@code *}). */
    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*")) {
                return true;
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a Range header against an object size. Returns null to serve the whole object (no header, a
     * header that is not a single well-formed byte range, as S3 ignores those); throws InvalidRange (416) for
     * a well-formed range that cannot be satisfied.
     */
    static ByteRange range(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6);
        int dash = spec.indexOf('-');
        if (dash < 0 || !spec.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-')) {
            return null; // "bytes= -1" or "bytes=0 -1" is no range, as on S3: the whole object
        }
        String first = spec.substring(0, dash);
        String last = spec.substring(dash + 1);
        try {
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix < 0) {
                    return null;
                }
                if (suffix == 0 || size == 0) {
                    throw invalidRange(header, size);
                }
                long n = Math.min(suffix, size);
                return new ByteRange(size - n, n);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= size) {
                throw invalidRange(header, size);
            }
            long endInclusive = Math.min(end, size - 1);
            return new ByteRange(start, endInclusive - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Exception invalidRange(String header, long size) {
        return new S3Exception(S3ErrorCode.INVALID_RANGE)
                .element("RangeRequested", header)
                .element("ActualObjectSize", Long.toString(size))
                .header(S3Headers.CONTENT_RANGE_OUT, "bytes */" + size);
    }

    /** Adds {@code x-amz-expiration} when a lifecycle rule of the bucket will expire the object. */
    static S3Response expiration(S3Response response, S3Request request, ObjectInfo info) {
        String expiration = LifecycleConfiguration.expirationHeader(request.bucket(), info);
        return expiration == null ? response : response.header(S3Headers.X_AMZ_EXPIRATION_OUT, expiration);
    }

    /** Adds the object's headers, with any response-* overrides of the request applied. */
    static S3Response objectHeaders(S3Response response, ObjectInfo info, RequestHead head) {
        ObjectAttributes a = info.attributes();
        response.header(S3Headers.ETAG_OUT, '"' + info.etag() + '"')
                .header(S3Headers.LAST_MODIFIED_OUT, HttpDates.format(info.lastModified()))
                .header(S3Headers.ACCEPT_RANGES_OUT, "bytes")
                .header(S3Headers.CONTENT_TYPE_OUT, override(head, "response-content-type",
                        a.contentType() == null ? DEFAULT_CONTENT_TYPE : a.contentType()))
                .header(S3Headers.CONTENT_ENCODING_OUT, override(head, "response-content-encoding", a.contentEncoding()))
                .header(S3Headers.CONTENT_DISPOSITION_OUT,
                        override(head, "response-content-disposition", a.contentDisposition()))
                .header(S3Headers.CONTENT_LANGUAGE_OUT, override(head, "response-content-language", a.contentLanguage()))
                .header(S3Headers.CACHE_CONTROL_OUT, override(head, "response-cache-control", a.cacheControl()))
                .header(S3Headers.EXPIRES_OUT, override(head, "response-expires", a.expires()));
        for (Map.Entry<String, String> m : a.userMetadata().entrySet()) {
            response.header(S3Headers.X_AMZ_META_PREFIX + m.getKey(), m.getValue());
        }
        String redirect = a.system().get(WebsiteRedirectHeader.FACT);
        if (redirect != null) {
            response.header(WebsiteRedirectHeader.HEADER, redirect);
        }
        String storageClass = a.system().get(StorageClassHeader.FACT);
        if (storageClass != null) {
            response.header(StorageClassHeader.HEADER, storageClass);
        }
        TagSet tags = ObjectAccess.tags(info);
        if (!tags.isEmpty()) {
            response.header(S3Headers.X_AMZ_TAGGING_COUNT_OUT, Integer.toString(tags.size()));
        }
        return response;
    }

    private static String override(RequestHead head, String param, String stored) {
        String value = head.param(param);
        return value != null ? value : stored;
    }
}
