package dev.stowage.ostor.handler;

import dev.stowage.ostor.OstorOperation.DeleteUsage;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import dev.stowage.usage.UsageRollup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/** {@code DELETE /?ostor-usage&obj=NAME}: 204, the object gone from the list; 404 when there is no such object. */
@ApplicationScoped
public class DeleteUsageHandler implements OstorHandler<DeleteUsage> {
    private static final Logger LOG = Logger.getLogger(DeleteUsageHandler.class);

    private final UsageRollup usage;

    public DeleteUsageHandler(UsageRollup usage) {
        this.usage = usage;
    }

    @Override
    public S3Response handle(DeleteUsage op, OstorRequest request) {
        boolean deleted;
        try {
            deleted = usage.files().delete(UsageObjects.require(op.obj()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!deleted) {
            throw UsageObjects.noSuch(op.obj());
        }
        LOG.infof("ostor-usage: %s deleted %s", request.principal().userId(), op.obj());
        return S3Response.noContent();
    }
}
