package dev.stowage.ostor;

import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.observe.RequestTrace;
import dev.stowage.ostor.error.OstorErrorMapper;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A request's life on the ostor admin surface, one way: parse the action, verify the signature, require a system
 * user, then the handler. Any failure on the way becomes the ostor error response, in one place. The request body
 * is never read: no ostor-users, ostor-buckets or ostor-limits action has one.
 */
@ApplicationScoped
public class OstorPipeline {
    private final RequestAuthenticator authenticator;
    private final OstorDispatcher dispatcher;

    public OstorPipeline(RequestAuthenticator authenticator, OstorDispatcher dispatcher) {
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
    }

    public S3Response process(RequestHead head, RequestTrace trace) {
        try {
            OstorOperation op = null;
            OstorException unparsable = null;
            try {
                op = OstorParser.parse(head);
                trace.action(op.action());
            } catch (OstorException e) {
                unparsable = e;
            }
            // Signature first, then the system-only rule: only a system user learns what was wrong with a request.
            VerifiedRequest verified = authenticator.authenticate(head);
            trace.principal(verified.principal());
            OstorAuthorizer.requireSystem(verified.principal());
            if (unparsable != null) {
                throw unparsable;
            }
            return dispatcher.dispatch(op, new OstorRequest(head, verified.principal()));
        } catch (Throwable failure) {
            return OstorErrorMapper.render(failure, head);
        }
    }
}
