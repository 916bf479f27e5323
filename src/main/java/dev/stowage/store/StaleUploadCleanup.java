package dev.stowage.store;

import dev.stowage.config.StowageConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Removes multipart uploads nobody completed or aborted once they are older than {@code
 * stowage.multipart.stale-after}, parts and all, as an S3 lifecycle rule AbortIncompleteMultipartUpload would.
 */
@ApplicationScoped
public class StaleUploadCleanup {
    private static final Logger LOG = Logger.getLogger(StaleUploadCleanup.class);

    private final ObjectStore store;
    private final StowageConfig config;

    public StaleUploadCleanup(ObjectStore store, StowageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${stowage.multipart.cleanup-interval:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            removeStale(Instant.now());
        } catch (Exception e) { // the next run tries again
            LOG.warnf(e, "Removing stale multipart uploads failed");
        }
    }

    /** Removes the uploads that are stale at {@code now}; returns how many. */
    public int removeStale(Instant now) throws Exception {
        int removed = store.removeUploadsInitiatedBefore(now.minus(config.multipart().staleAfter()));
        if (removed > 0) {
            LOG.infof("Removed %d multipart uploads older than %s", removed, config.multipart().staleAfter());
        }
        return removed;
    }
}
