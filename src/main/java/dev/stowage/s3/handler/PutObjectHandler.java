package dev.stowage.s3.handler;

import dev.stowage.s3.ContentMd5;
import dev.stowage.s3.sse.CustomerEncryption;
import static dev.stowage.s3.S3Headers.CACHE_CONTROL;
import static dev.stowage.s3.S3Headers.CONTENT_DISPOSITION;
import static dev.stowage.s3.S3Headers.CONTENT_ENCODING;
import static dev.stowage.s3.S3Headers.CONTENT_LANGUAGE;
import static dev.stowage.s3.S3Headers.CONTENT_MD5;
import static dev.stowage.s3.S3Headers.CONTENT_TYPE;
import static dev.stowage.s3.S3Headers.EXPIRES;
import static dev.stowage.s3.S3Headers.X_AMZ_META_PREFIX;

import dev.stowage.config.StowageConfig;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.PutObject;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.ObjectAttributes;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PutObject: streams the body into the store, which makes it durable and visible atomically. */
@ApplicationScoped
public class PutObjectHandler implements S3Handler<PutObject> {
    /** S3's limit on the total size of user metadata (names and values, in bytes). */
    static final int MAX_USER_METADATA_BYTES = 2048;

    private final ObjectStore store;
    private final StowageConfig config;
    private final ObjectAccess access;

    public PutObjectHandler(ObjectStore store, StowageConfig config, ObjectAccess access) {
        this.store = store;
        this.config = config;
        this.access = access;
    }

    @Override
    public S3Response handle(PutObject op, S3Request request) throws IOException {
        RequestHead head = request.head();
        long length = request.verified().decodedContentLength(head);
        if (length < 0) {
            throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
        }
        if (length > config.requests().maxObjectSize()) {
            throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE)
                    .element("ProposedSize", Long.toString(length))
                    .element("MaxSizeAllowed", Long.toString(config.requests().maxObjectSize()));
        }
        byte[] md5 = ContentMd5.parse(head.header(CONTENT_MD5));
        WriteCondition condition = WriteConditions.of(head);
        ObjectAttributes attributes = attributes(head)
                .withSystem(access.fromRequestHeaders(head, request.principal(), request.bucket()));
        ChecksumFacts.declared(request);
        CustomerEncryption.Writing sseC = CustomerEncryption.forWrite(head);
        InputStream body = request.body();
        ObjectInfo info;
        if (sseC == null) {
            info = store.putObject(op.bucket(), op.key(), body, length, md5, attributes, ChecksumFacts.afterBody(body),
                    condition);
        } else {
            info = putEncrypted(op, body, length, md5, attributes.withSystem(sseC.facts()), condition, sseC);
        }
        S3Response response = S3Response.ok().header(S3Headers.ETAG_OUT, '"' + info.etag() + '"');
        CustomerEncryption.headers(response, sseC == null ? null : sseC.key().keyMd5());
        return ChecksumFacts.headers(ObjectResponses.expiration(response, request, info), info.attributes().system(),
                true);
    }

    /**
     * Stores the body encrypted with the request's customer key (SSE-C): checksums and Content-MD5 are of the
     * plaintext, checked once it has all been read and before the object becomes visible.
     */
    private ObjectInfo putEncrypted(PutObject op, InputStream plain, long length, byte[] md5,
            ObjectAttributes attributes, WriteCondition condition, CustomerEncryption.Writing sseC) throws IOException {
        PlaintextDigest digest = new PlaintextDigest(plain, md5);
        return store.putObject(op.bucket(), op.key(), sseC.encrypt(digest.stream()), length, null, attributes,
                digest.checkedThen(ChecksumFacts.afterBody(plain)), condition);
    }

    /** The content headers and x-amz-meta-* of a request, as S3 stores them. */
    static ObjectAttributes attributes(RequestHead head) {
        Map<String, String> meta = new LinkedHashMap<>();
        int metaBytes = 0;
        for (Map.Entry<String, List<String>> h : head.headers().entrySet()) {
            String name = h.getKey();
            if (name.startsWith(X_AMZ_META_PREFIX) && name.length() > X_AMZ_META_PREFIX.length()) {
                String value = String.join(",", h.getValue());
                String shortName = name.substring(X_AMZ_META_PREFIX.length());
                meta.put(shortName, value);
                metaBytes += shortName.length() + value.length();
            }
        }
        if (metaBytes > MAX_USER_METADATA_BYTES) {
            throw new S3Exception(S3ErrorCode.METADATA_TOO_LARGE)
                    .element("Size", Integer.toString(metaBytes))
                    .element("MaxSizeAllowed", Integer.toString(MAX_USER_METADATA_BYTES));
        }
        return new ObjectAttributes(head.header(CONTENT_TYPE), storedContentEncoding(head.header(CONTENT_ENCODING)),
                head.header(CONTENT_DISPOSITION), head.header(CONTENT_LANGUAGE), head.header(CACHE_CONTROL),
                head.header(EXPIRES), meta);
    }

    /** aws-chunked is transport framing, not a property of the object: S3 drops it from the stored encoding. */
    static String storedContentEncoding(String header) {
        if (header == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (!p.isEmpty() && !p.equalsIgnoreCase("aws-chunked")) {
                if (kept.length() > 0) {
                    kept.append(',');
                }
                kept.append(p);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }
}
