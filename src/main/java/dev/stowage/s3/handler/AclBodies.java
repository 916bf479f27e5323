package dev.stowage.s3.handler;

import dev.stowage.config.StowageConfig;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.access.AccessControlList;
import dev.stowage.s3.access.AclHeaders;
import dev.stowage.s3.access.AclXml;
import dev.stowage.s3.access.GranteeResolver;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.xml.XmlRequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * What PutBucketAcl and PutObjectAcl share: the new ACL comes from the headers ({@code x-amz-acl} or {@code
 * x-amz-grant-*}) or from an AccessControlPolicy body, never both (UnexpectedContent), and one of them must be there
 * (MissingSecurityHeader).
 */
@ApplicationScoped
public class AclBodies {
    private final GranteeResolver resolver;
    private final StowageConfig config;

    public AclBodies(GranteeResolver resolver, StowageConfig config) {
        this.resolver = resolver;
        this.config = config;
    }

    /** The ACL a PUT ?acl request sets on a resource of {@code ownerId} ({@code bucketOwnerId} null for a bucket). */
    AccessControlList read(S3Request request, String ownerId, String bucketOwnerId) throws IOException {
        byte[] body = XmlRequestReader.readBody(request, config.requests().maxXmlBody());
        if (AclHeaders.present(request.head())) {
            if (body.length > 0) {
                throw new S3Exception(S3ErrorCode.UNEXPECTED_CONTENT);
            }
            return AclHeaders.parse(request.head(), ownerId, bucketOwnerId, resolver);
        }
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MISSING_SECURITY_HEADER, "Your request was missing a required header")
                    .element("MissingHeaderName", S3Headers.X_AMZ_ACL);
        }
        return AclXml.parse(body, ownerId, resolver);
    }
}
