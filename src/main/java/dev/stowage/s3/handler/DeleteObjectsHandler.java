package dev.stowage.s3.handler;

import dev.stowage.s3.ContentMd5;
import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Operation.DeleteObjects;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.s3.xml.XmlWriter;
import dev.stowage.store.NoSuchKeyException;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.PreconditionFailedException;
import dev.stowage.store.WriteCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * DeleteObjects: up to 1,000 keys in one request, each answered with {@code <Deleted>} (also when it did not
 * exist, as S3 does) or {@code <Error>}; quiet mode reports errors only. The body must carry an integrity check:
 * Content-MD5 or an {@code x-amz-checksum-*} header or trailer (verified by authentication as it is read).
 */
@ApplicationScoped
public class DeleteObjectsHandler implements S3Handler<DeleteObjects> {
    private static final Logger LOG = Logger.getLogger(DeleteObjectsHandler.class);
    private static final int MAX_KEYS = 1000;
    private static final int MAX_KEY_BYTES = 1024;

    private final ObjectStore store;
    private final StowageConfig config;

    public DeleteObjectsHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(DeleteObjects op, S3Request request) throws IOException {
        byte[] md5 = ContentMd5.parse(request.head().header(S3Headers.CONTENT_MD5));
        if (md5 == null && ChecksumFacts.declared(request) == null) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Missing required header for this request: Content-MD5");
        }
        // checked against its Content-MD5 as it is read
        byte[] body = XmlRequestReader.readBody(request, Math.max(config.requests().maxXmlBody(), 2 * 1024 * 1024));
        XmlRequestReader.Items doc = XmlRequestReader.parseItems(body, "Delete", "Object");
        if (doc.items().isEmpty() || doc.items().size() > MAX_KEYS) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        for (Map<String, String> item : doc.items()) {
            if (item.get("Key") == null || item.get("Key").isEmpty()) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
        }
        boolean quiet = "true".equalsIgnoreCase(String.valueOf(doc.fields().get("Quiet")).trim());
        XmlWriter xml = new XmlWriter().openRoot("DeleteResult");
        for (Map<String, String> item : doc.items()) {
            String key = item.get("Key");
            String versionId = item.get("VersionId");
            S3ErrorCode error = request.mayDelete(key)
                    ? deleteOne(op.bucket(), key, versionId, WriteConditions.ifMatch(item.get("ETag")))
                    : S3ErrorCode.ACCESS_DENIED;
            if (error == null) {
                if (!quiet) {
                    xml.open("Deleted").element("Key", key);
                    if (versionId != null) {
                        xml.element("VersionId", versionId);
                    }
                    xml.close("Deleted");
                }
            } else {
                xml.open("Error").element("Key", key);
                if (versionId != null) {
                    xml.element("VersionId", versionId);
                }
                xml.element("Code", error.code()).element("Message", error.message()).close("Error");
            }
        }
        return S3Response.xml(200, xml.close("DeleteResult").toBytes());
    }

    /** Deletes one key; the error to report for it, or null. */
    private S3ErrorCode deleteOne(String bucket, String key, String versionId, WriteCondition condition) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return S3ErrorCode.KEY_TOO_LONG;
        }
        if (versionId != null && !versionId.equals("null")) {
            return S3ErrorCode.NO_SUCH_VERSION;
        }
        try {
            if (condition.isNone()) {
                store.deleteObject(bucket, key);
            } else {
                DeleteObjectHandler.deleteIfMatching(store, bucket, key, condition);
            }
            return null;
        } catch (NoSuchKeyException e) {
            return S3ErrorCode.NO_SUCH_KEY;
        } catch (PreconditionFailedException e) {
            return S3ErrorCode.PRECONDITION_FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "DeleteObjects: could not delete %s/%s", bucket, key);
            return S3ErrorCode.INTERNAL_ERROR;
        }
    }
}
