package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorOperation.GetLimits;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code GET /?ostor-limits&emailAddress=E} (or {@code &id=ID}, {@code &bucket=B}): 200 with all six limits,
 * {@code {"ops:default": "0.00", "ops:get": "3600.00", ..., "bandwidth:out": "100"}}.
 */
@ApplicationScoped
public class GetLimitsHandler implements OstorHandler<GetLimits> {
    private final Limits limits;

    public GetLimitsHandler(Limits limits) {
        this.limits = limits;
    }

    @Override
    public S3Response handle(GetLimits op, OstorRequest request) {
        return Responses.json(LimitsJson.of(limits.admin().get(limits.subject(op.target()))));
    }
}
