package dev.stowage.s3.error;

import dev.stowage.http.RequestHead;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.BadDigestException;
import dev.stowage.store.BucketAlreadyExistsException;
import dev.stowage.store.BucketNotEmptyException;
import dev.stowage.store.EntityTooSmallException;
import dev.stowage.store.InvalidPartException;
import dev.stowage.store.InvalidPartOrderException;
import dev.stowage.store.IncompleteBodyException;
import dev.stowage.store.NoSuchBucketException;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.PreconditionFailedException;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.StoreException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place failures become S3 error responses: store conditions are translated to their S3 codes,
 * anything unexpected becomes InternalError and is logged once with the request id.
 */
public final class S3ErrorMapper {
    private static final Logger LOG = Logger.getLogger(S3ErrorMapper.class);

    private S3ErrorMapper() {}

    /** Translates any failure into the S3Exception the client should see. */
    public static S3Exception translate(Throwable failure, RequestHead head, String requestId) {
        if (failure instanceof S3Exception s3) {
            return s3;
        }
        if (failure instanceof StoreException se) {
            return translateStore(se, head);
        }
        if (failure.getCause() instanceof S3Exception s3) {
            return s3;
        }
        LOG.errorf(failure, "InternalError for request %s (%s %s)", requestId, head == null ? "?" : head.method(),
                head == null ? "?" : head.rawPath());
        return new S3Exception(S3ErrorCode.INTERNAL_ERROR);
    }

    private static S3Exception translateStore(StoreException e, RequestHead head) {
        String bucket = head == null ? null : head.bucket();
        return switch (e) {
            case NoSuchBucketException x -> new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).element("BucketName", x.subject());
            case NoSuchKeyException x -> new S3Exception(S3ErrorCode.NO_SUCH_KEY).element("Key", head == null ? x.subject() : head.key());
            case BucketNotEmptyException x -> new S3Exception(S3ErrorCode.BUCKET_NOT_EMPTY).element("BucketName", bucket);
            case BucketAlreadyExistsException x -> new S3Exception(S3ErrorCode.BUCKET_ALREADY_EXISTS).element("BucketName", bucket);
            case BadDigestException x -> new S3Exception(S3ErrorCode.BAD_DIGEST);
            case PreconditionFailedException x -> new S3Exception(S3ErrorCode.PRECONDITION_FAILED)
                    .element("Condition", x.header());
            case IncompleteBodyException x -> new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
            case NoSuchUploadException x -> new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD).element("UploadId", x.subject());
            case InvalidPartOrderException x -> new S3Exception(S3ErrorCode.INVALID_PART_ORDER).element("UploadId", x.subject());
            case InvalidPartException x -> new S3Exception(S3ErrorCode.INVALID_PART)
                    .element("UploadId", x.subject())
                    .element("PartNumber", Integer.toString(x.partNumber()))
                    .element("ETag", x.etag());
            case EntityTooSmallException x -> new S3Exception(S3ErrorCode.ENTITY_TOO_SMALL)
                    .element("ProposedSize", Long.toString(x.size()))
                    .element("MinSizeAllowed", Long.toString(x.minSize()))
                    .element("PartNumber", Integer.toString(x.partNumber()))
                    .element("ETag", x.etag());
            default -> new S3Exception(S3ErrorCode.INTERNAL_ERROR);
        };
    }

    /** Renders an S3 error: XML with Code, Message, Resource, RequestId (no body for HEAD and 304). */
    public static S3Response render(S3Exception e, RequestHead head, String requestId) {
        S3ErrorCode code = e.error();
        S3Response response = S3Response.status(code.status()).errorCode(code.code());
        for (Map.Entry<String, String> h : e.extraHeaders().entrySet()) {
            response.header(h.getKey(), h.getValue());
        }
        if (code == S3ErrorCode.NOT_MODIFIED || (head != null && "HEAD".equals(head.method()))) {
            return response;
        }
        String resource = e.resource() != null ? e.resource() : head == null ? "/" : head.resource();
        XmlWriter xml = new XmlWriter().open("Error")
                .element("Code", code.code())
                .element("Message", e.getMessage());
        for (Map.Entry<String, String> el : e.extraElements()) {
            xml.element(el.getKey(), el.getValue());
        }
        xml.element("Resource", resource).element("RequestId", requestId).close("Error");
        return response.body(new S3Response.Bytes(xml.toBytes(), "application/xml"));
    }
}
