package dev.stowage.s3.handler;

import java.io.Closeable;
import dev.stowage.s3.sse.CustomerKey;
import dev.stowage.s3.sse.CustomerEncryption;
import dev.stowage.http.RequestHead;
import dev.stowage.s3.ExpectedBucketOwner;
import dev.stowage.s3.HttpDates;
import dev.stowage.s3.S3Authorizer;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.CopySource;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What CopyObject and UploadPartCopy share: the caller may read the source, the source is opened (pinned to the
 * version read, whatever happens to the key meanwhile), and the {@code x-amz-copy-source-if-*} conditions hold.
 */
@ApplicationScoped
public class CopySources {
    /** S3's largest copy source for CopyObject: 5 GiB. */
    static final long MAX_COPY_SOURCE = 5L * 1024 * 1024 * 1024;

    private final ObjectStore store;
    private final S3Authorizer authorizer;

    public CopySources(ObjectStore store, S3Authorizer authorizer) {
        this.store = store;
        this.authorizer = authorizer;
    }

    /**
     * Opens the source of a CopyObject or UploadPartCopy after the access check and the copy conditions; the caller
     * closes it. One stored with a customer key (SSE-C) needs that key in the
     * {@code x-amz-copy-source-server-side-encryption-customer-*} headers (as a GetObject would).
     */
    Opened openForCopy(CopySource source, S3Request request) throws IOException {
        ObjectReader reader = openChecked(source, request);
        try {
            return new Opened(reader, CustomerEncryption.forCopySource(request.head(), reader.info()));
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** An open copy source and the customer key it is read with (null when it was stored without one). */
    record Opened(ObjectReader stored, CustomerKey key) implements Closeable {
        /** The source's bytes as plaintext. */
        ObjectReader plaintext() throws IOException {
            return key == null ? stored : CustomerEncryption.decrypting(stored, key, PartLayout.sizesOf(stored.info()));
        }

        @Override
        public void close() throws IOException {
            stored.close();
        }
    }

    private ObjectReader openChecked(CopySource source, S3Request request) throws IOException {
        ObjectReader reader;
        try {
            reader = authorizer.openCopySource(request.principal(), request.head(), source.bucket(), source.key(),
                    request.head().header(ExpectedBucketOwner.SOURCE_HEADER));
        } catch (NoSuchKeyException e) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_KEY).element("Key", source.key());
        }
        try {
            checkConditions(request.head(), reader.info());
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The copy conditions as AWS evaluates them: a true if-match overrides if-unmodified-since, a false
     * if-none-match fails whatever if-modified-since says; any failure is 412 PreconditionFailed.
     */
    static void checkConditions(RequestHead head, ObjectInfo info) {
        Instant modified = info.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = head.header(S3Headers.X_AMZ_COPY_SOURCE_IF_MATCH);
        if (ifMatch != null) {
            if (!ObjectResponses.etagMatches(ifMatch, info.etag())) {
                throw failed(S3Headers.X_AMZ_COPY_SOURCE_IF_MATCH);
            }
        } else {
            Instant since = HttpDates.parse(head.header(S3Headers.X_AMZ_COPY_SOURCE_IF_UNMODIFIED_SINCE));
            if (since != null && modified.isAfter(since)) {
                throw failed(S3Headers.X_AMZ_COPY_SOURCE_IF_UNMODIFIED_SINCE);
            }
        }
        String ifNoneMatch = head.header(S3Headers.X_AMZ_COPY_SOURCE_IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (ObjectResponses.etagMatches(ifNoneMatch, info.etag())) {
                throw failed(S3Headers.X_AMZ_COPY_SOURCE_IF_NONE_MATCH);
            }
        } else {
            Instant since = HttpDates.parse(head.header(S3Headers.X_AMZ_COPY_SOURCE_IF_MODIFIED_SINCE));
            if (since != null && !modified.isAfter(since)) {
                throw failed(S3Headers.X_AMZ_COPY_SOURCE_IF_MODIFIED_SINCE);
            }
        }
    }

    private static S3Exception failed(String condition) {
        return new S3Exception(S3ErrorCode.PRECONDITION_FAILED).element("Condition", condition);
    }
}
