package dev.stowage.s3.handler;

import dev.stowage.s3.HttpDates;
import dev.stowage.s3.S3Operation.AbortMultipartUpload;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PreconditionFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * AbortMultipartUpload: the upload and its parts are removed; 204, or NoSuchUpload. With
 * {@code x-amz-if-match-initiated-time} (an HTTP date) only an upload initiated at that second is aborted, as AWS
 * does it: another initiation time → 412 PreconditionFailed, no such upload → 204.
 */
@ApplicationScoped
public class AbortMultipartUploadHandler implements S3Handler<AbortMultipartUpload> {
    static final String IF_MATCH_INITIATED_TIME = "x-amz-if-match-initiated-time";

    private final ObjectStore store;

    public AbortMultipartUploadHandler(ObjectStore store) {
        this.store = store;
    }

    @Override
    public S3Response handle(AbortMultipartUpload op, S3Request request) throws IOException {
        String ifInitiated = request.head().header(IF_MATCH_INITIATED_TIME);
        if (ifInitiated != null) {
            MultipartUpload upload;
            try {
                upload = store.upload(op.bucket(), op.key(), op.uploadId());
            } catch (NoSuchUploadException e) {
                return S3Response.noContent();
            }
            Instant wanted = HttpDates.parse(ifInitiated);
            if (wanted == null || !wanted.equals(upload.initiated().truncatedTo(ChronoUnit.SECONDS))) {
                throw new PreconditionFailedException(op.key(), IF_MATCH_INITIATED_TIME);
            }
        }
        store.abortUpload(op.bucket(), op.key(), op.uploadId());
        return S3Response.noContent();
    }
}
