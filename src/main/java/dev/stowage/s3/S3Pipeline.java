package dev.stowage.s3;

import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.ostor.OstorParser;
import dev.stowage.ostor.OstorPipeline;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3ErrorMapper;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.store.BucketInfo;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request's life on the S3 surface, one way: parse the operation, verify the signature, authorize, then the
 * handler. Any failure on the way becomes the S3 error response, in one place. Requests for the ostor admin
 * services ({@code ?ostor-users}, ...) share the endpoint but not the surface: they go to the {@link OstorPipeline},
 * which answers in JSON with ostor's errors.
 */
@ApplicationScoped
public class S3Pipeline {
    private final RequestAuthenticator authenticator;
    private final S3Authorizer authorizer;
    private final S3Dispatcher dispatcher;
    private final OstorPipeline ostor;

    public S3Pipeline(RequestAuthenticator authenticator, S3Authorizer authorizer, S3Dispatcher dispatcher,
            OstorPipeline ostor) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.dispatcher = dispatcher;
        this.ostor = ostor;
    }

    public S3Response process(RequestHead head, S3Request.RequestBody body) {
        if (OstorParser.isOstor(head)) {
            return ostor.process(head);
        }
        try {
            S3Operation op = null;
            S3Exception unparsable = null;
            try {
                op = S3OperationParser.parse(head);
            } catch (S3Exception e) {
                unparsable = e;
            }
            // The signature is checked first, as AWS does: a forged request learns nothing about what it asked.
            VerifiedRequest verified = authenticator.authenticate(head);
            if (unparsable != null) {
                throw verified.principal().isAnonymous() ? new S3Exception(S3ErrorCode.ACCESS_DENIED) : unparsable;
            }
            BucketInfo bucket = authorizer.authorize(op, verified.principal());
            return dispatcher.dispatch(op, new S3Request(head, verified, bucket, body));
        } catch (Throwable failure) {
            return error(failure, head);
        }
    }

    /** The S3 error response for a failure while serving {@code head}. */
    public static S3Response error(Throwable failure, RequestHead head) {
        S3Exception e = S3ErrorMapper.translate(failure, head, head.requestId());
        return S3ErrorMapper.render(e, head, head.requestId());
    }
}
