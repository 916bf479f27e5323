package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Operation.PutBucketVersioning;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.access.BucketAccess;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlElement;
import dev.stowage.s3.xml.XmlRequestReader;
import dev.stowage.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;

/**
 * PutBucketVersioning. Stowage keeps one version of each object, the {@code null} version, which is exactly how
 * S3 treats writes to a bucket whose versioning is Suspended: so {@code Suspended} is accepted and kept (200, and
 * GetBucketVersioning shows it), while {@code Enabled} and MFA Delete are 501 NotImplemented. A configuration
 * without a valid {@code Status} is MalformedXML, as AWS answers.
 */
@ApplicationScoped
public class PutBucketVersioningHandler implements S3Handler<PutBucketVersioning> {
    static final String SUSPENDED = "Suspended";
    private static final String ENABLED = "Enabled";

    private final ObjectStore store;
    private final StowageConfig config;

    public PutBucketVersioningHandler(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public S3Response handle(PutBucketVersioning op, S3Request request) throws IOException {
        XmlElement configuration = XmlElement.parse(XmlRequestReader.readBody(request, config.requests().maxXmlBody()),
                "VersioningConfiguration", S3ErrorCode.MALFORMED_XML);
        String status = configuration.childText("Status");
        String mfaDelete = configuration.childText("MfaDelete");
        if (!(SUSPENDED.equals(status) || ENABLED.equals(status))
                || (mfaDelete != null && !mfaDelete.equals(ENABLED) && !mfaDelete.equals("Disabled"))) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        if (ENABLED.equals(status)) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
                    "Object versioning is not implemented by this gateway yet: a bucket can be Suspended only.");
        }
        if (ENABLED.equals(mfaDelete)) {
            throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "MFA Delete is not implemented by this gateway.");
        }
        store.updateBucket(op.bucket(), Map.of(BucketAccess.VERSIONING, SUSPENDED));
        return S3Response.ok();
    }
}
