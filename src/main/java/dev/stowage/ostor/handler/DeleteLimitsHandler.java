package dev.stowage.ostor.handler;

import dev.stowage.limits.LimitSet;
import dev.stowage.limits.LimitSubject;
import dev.stowage.ostor.OstorOperation.DeleteLimits;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /?ostor-limits&emailAddress=E} (or {@code &id=ID}, {@code &bucket=B}): every limit back to 0
 * (unlimited). Answers 200 with the zeroed limits, as GET would show them (the guide shows no output).
 */
@ApplicationScoped
public class DeleteLimitsHandler implements OstorHandler<DeleteLimits> {
    private static final Logger LOG = Logger.getLogger(DeleteLimitsHandler.class);

    private final Limits limits;

    public DeleteLimitsHandler(Limits limits) {
        this.limits = limits;
    }

    @Override
    public S3Response handle(DeleteLimits op, OstorRequest request) {
        LimitSubject subject = limits.subject(op.target());
        LimitSet reset = limits.admin().reset(subject);
        LOG.infof("ostor-limits: %s removed the limits of %s (%s)", request.principal().userId(),
                op.target().describe(), subject.id());
        return Responses.json(LimitsJson.of(reset));
    }
}
