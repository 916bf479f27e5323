package dev.stowage.ostor.handler;

import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import dev.stowage.ostor.OstorOperation.SetLimit;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * {@code PUT /?ostor-limits&emailAddress=E&limit-type=ops&limit-resource=get&limit-value=3600} (and the bucket,
 * id and older {@code &ops&get=N} forms): sets one limit and answers 200 with all the subject's limits, as GET
 * does (the guide shows no output; the JSON is what a client wants next, and clients that ignore it lose nothing).
 */
@ApplicationScoped
public class SetLimitHandler implements OstorHandler<SetLimit> {
    private static final Logger LOG = Logger.getLogger(SetLimitHandler.class);

    private final Limits limits;

    public SetLimitHandler(Limits limits) {
        this.limits = limits;
    }

    @Override
    public S3Response handle(SetLimit op, OstorRequest request) {
        LimitSubject subject = limits.subject(op.target());
        LimitSet set = limits.admin().set(subject, op.key(), op.value());
        LOG.infof("ostor-limits: %s set %s=%s for %s (%s)", request.principal().userId(), op.key().wireName(),
                LimitsJson.format(op.key(), op.value()), op.target().describe(), subject.id());
        return Responses.json(LimitsJson.of(set));
    }
}
