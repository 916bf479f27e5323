package dev.stowage.s3;

import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.limits.BodyThrottle;
import dev.stowage.limits.LimitEnforcer;
import dev.stowage.limits.RequestRateExceededException;
import dev.stowage.observe.RequestTrace;
import dev.stowage.ostor.OstorParser;
import dev.stowage.ostor.OstorPipeline;
import dev.stowage.s3.cors.CorsHeaders;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3ErrorMapper;
import dev.stowage.s3.error.S3Exception;
import dev.stowage.s3.post.PostForm;
import dev.stowage.store.BucketInfo;
import java.util.Locale;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request's life on the S3 surface, one way: parse the operation, verify the signature, authorize, check the
 * limits, then the handler. Any failure on the way becomes the S3 error response, in one place. Requests for the ostor admin
 * services ({@code ?ostor-users}, ...) share the endpoint but not the surface: they go to the {@link OstorPipeline},
 * which answers in JSON with ostor's errors.
 */
@ApplicationScoped
public class S3Pipeline {
    private final RequestAuthenticator authenticator;
    private final S3Authorizer authorizer;
    private final S3Dispatcher dispatcher;
    private final OstorPipeline ostor;
    private final LimitEnforcer limits;
    private final CorsHeaders cors;

    public S3Pipeline(RequestAuthenticator authenticator, S3Authorizer authorizer, S3Dispatcher dispatcher,
            OstorPipeline ostor, LimitEnforcer limits, CorsHeaders cors) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.dispatcher = dispatcher;
        this.ostor = ostor;
        this.limits = limits;
        this.cors = cors;
    }

    /**
     * Serves one request; records its action, principal and bucket in {@code trace} as they become known. A request
     * with an {@code Origin} gets the CORS headers of the bucket's matching rule, on errors too.
     */
    public S3Response process(RequestHead head, S3Request.RequestBody body, RequestTrace trace) {
        if (OstorParser.isOstor(head)) {
            return ostor.process(head, trace);
        }
        return cors.decorate(head, serve(head, body, trace));
    }

    private S3Response serve(RequestHead head, S3Request.RequestBody body, RequestTrace trace) {
        try {
            S3Operation op = null;
            S3Exception unparsable = null;
            try {
                op = S3OperationParser.parse(head);
                trace.action(op.action());
            } catch (S3Exception e) {
                unparsable = e;
            }
            // The signature is checked first, as AWS does: a forged request learns nothing about what it asked.
            VerifiedRequest verified = authenticator.authenticate(head);
            if (op instanceof S3Operation.PostObject) { // signed in the form: its fields up to the file say by whom
                PostForm form = PostForm.read(head, body);
                verified = authenticator.authenticateForm(form::field);
                body = form;
            }
            trace.principal(verified.principal());
            if (unparsable != null) {
                throw verified.principal().isAnonymous() ? new S3Exception(S3ErrorCode.ACCESS_DENIED) : unparsable;
            }
            S3Authorizer.Authorized target = authorizer.authorize(op, verified.principal(),
                    body instanceof PostForm form ? withFormKey(head, form) : head, trace);
            try {
                BucketInfo bucket = target.bucket();
                ExpectedBucketOwner.check(head, bucket);
                BodyThrottle throttle = admit(op, verified, bucket);
                S3Response response = dispatcher.dispatch(op,
                        new S3Request(head, verified, bucket, body, target.object(), target.reader(), target.deletable()));
                if (op instanceof S3Operation.CreateBucket && response.status() == 200) {
                    authorizer.created(op, trace); // counted in the new bucket's usage
                }
                return throttle == null ? response : response.throttle(throttle);
            } catch (Throwable failure) {
                if (target.reader() != null) { // not handed over to a response: close it (closing twice is harmless)
                    target.reader().close();
                }
                throw failure;
            }
        } catch (Throwable failure) {
            return error(failure, head);
        }
    }

    /** For a POST Object: the head naming, as its key, the object the form writes (what a bucket policy decides on). */
    private static RequestHead withFormKey(RequestHead head, PostForm form) {
        String key = form.field("key");
        if (key == null || key.isEmpty()) {
            return head;
        }
        key = key.replace("${filename}", form.filename() == null ? "" : form.filename());
        return new RequestHead(head.method(), head.rawPath(), head.rawQuery(), head.query(), head.headers(),
                head.bucket(), key, head.virtualHosted(), head.requestId(), head.sourceIp(), head.secureTransport());
    }

    /** Checks the ops limits of the signer and of the addressed bucket; SlowDown when over a rate. */
    private BodyThrottle admit(S3Operation op, VerifiedRequest verified, BucketInfo bucket) {
        try {
            return limits.admit(op.limitClass(), verified.principal().userId(), bucket == null ? null : bucket.name());
        } catch (RequestRateExceededException e) {
            throw new S3Exception(S3ErrorCode.SLOW_DOWN, "Please reduce your request rate: the "
                    + op.limitClass().key().wireName() + " limit of this "
                    + e.subject().kind().name().toLowerCase(Locale.ROOT) + " is exceeded.")
                    .header(S3Headers.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
    }

    /** The S3 error response for a failure while serving {@code head}. */
    public static S3Response error(Throwable failure, RequestHead head) {
        S3Exception e = S3ErrorMapper.translate(failure, head, head.requestId());
        return S3ErrorMapper.render(e, head, head.requestId());
    }
}
