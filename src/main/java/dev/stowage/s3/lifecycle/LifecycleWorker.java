package dev.stowage.s3.lifecycle;

import dev.stowage.s3.access.ObjectAccess;
import dev.stowage.s3.tagging.TagSet;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ListPage;
import dev.stowage.store.ListQuery;
import dev.stowage.store.MultipartUpload;
import dev.stowage.store.NoSuchBucketException;
import dev.stowage.store.NoSuchUploadException;
import dev.stowage.store.ObjectInfo;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.UploadPage;
import dev.stowage.store.UploadQuery;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Carries out the buckets' lifecycle rules, every {@code stowage.lifecycle.interval} (1 h by default): each enabled
 * rule expires the objects its filter selects once their time has come (deleted as a DeleteObject would, their
 * bytes leaving the bucket's storage usage), and removes the multipart uploads begun under its prefix more than
 * its DaysAfterInitiation ago. An object overwritten after it was listed is spared: the delete happens only while
 * the key still holds the object that expired. Every replica may run it: deleting what is already gone does
 * nothing. Noncurrent-version and delete-marker actions have nothing to act on while buckets keep one version.
 */
@ApplicationScoped
public class LifecycleWorker {
    private static final Logger LOG = Logger.getLogger(LifecycleWorker.class);
    private static final int PAGE = 1000;

    private final ObjectStore store;

    public LifecycleWorker(ObjectStore store) {
        this.store = store;
    }

    /** What one run did. */
    public record Run(int objectsExpired, int uploadsAborted) {}

    @Scheduled(every = "${stowage.lifecycle.interval:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Run run = run(Instant.now());
            if (run.objectsExpired() > 0 || run.uploadsAborted() > 0) {
                LOG.infof("Lifecycle rules expired %d objects and removed %d multipart uploads", run.objectsExpired(),
                        run.uploadsAborted());
            }
        } catch (Exception e) { // the next run tries again
            LOG.warnf(e, "Carrying out lifecycle rules failed");
        }
    }

    /** Applies every bucket's rules as they stand at {@code now}. */
    public Run run(Instant now) throws IOException {
        int expired = 0;
        int aborted = 0;
        for (BucketInfo bucket : store.listBuckets()) {
            LifecycleConfiguration configuration;
            try {
                configuration = LifecycleConfiguration.of(bucket);
            } catch (RuntimeException e) {
                LOG.warnf("The lifecycle configuration of bucket %s does not read: skipped (%s)", bucket.name(), e);
                continue;
            }
            if (configuration == null) {
                continue;
            }
            try {
                for (LifecycleRule rule : configuration.rules()) {
                    if (!rule.enabled()) {
                        continue;
                    }
                    if (rule.expiresObjects()) {
                        expired += expireObjects(bucket.name(), rule, now);
                    }
                    if (rule.abortAfterDays() > 0) {
                        aborted += abortUploads(bucket.name(), rule, now);
                    }
                }
            } catch (NoSuchBucketException e) {
                // deleted meanwhile: nothing left to do there
            }
        }
        return new Run(expired, aborted);
    }

    private int expireObjects(String bucket, LifecycleRule rule, Instant now) throws IOException {
        if (rule.expirationDate() != null && now.isBefore(rule.expirationDate())) {
            return 0;
        }
        int expired = 0;
        String after = null;
        while (true) {
            ListPage page = store.listObjects(bucket, new ListQuery(rule.prefix(), null, after, PAGE));
            for (ListPage.ListEntry entry : page.entries()) {
                if (entry.isPrefix()) {
                    continue;
                }
                ObjectInfo listed = entry.info();
                if (due(rule, listed, now) && store.deleteObjectIf(bucket, entry.key(),
                        current -> current.lastModified().equals(listed.lastModified())
                                && current.etag().equals(listed.etag()) && due(rule, current, now))) {
                    expired++;
                }
            }
            if (!page.truncated()) {
                return expired;
            }
            after = page.nextAfter();
        }
    }

    /** Whether the rule selects the object (tags read only when the rule names some) and its expiry has come. */
    private static boolean due(LifecycleRule rule, ObjectInfo object, Instant now) {
        Instant expiry = rule.expiryOf(object.lastModified());
        if (expiry == null || now.isBefore(expiry)) {
            return false;
        }
        TagSet tags = rule.tags().isEmpty() ? TagSet.EMPTY : ObjectAccess.tags(object);
        return rule.selects(object.key(), object.size(), tags);
    }

    private int abortUploads(String bucket, LifecycleRule rule, Instant now) throws IOException {
        int aborted = 0;
        String keyMarker = null;
        String uploadMarker = null;
        while (true) {
            UploadPage page = store.listUploads(bucket, new UploadQuery(rule.prefix(), null, keyMarker, uploadMarker, PAGE));
            for (MultipartUpload upload : page.uploads()) {
                Instant due = rule.abortOf(upload.initiated());
                if (due != null && !now.isBefore(due)) {
                    try {
                        store.abortUpload(bucket, upload.key(), upload.uploadId());
                        aborted++;
                    } catch (NoSuchUploadException e) {
                        // completed or aborted meanwhile
                    }
                }
            }
            if (!page.truncated()) {
                return aborted;
            }
            keyMarker = page.nextKeyMarker();
            uploadMarker = page.nextUploadIdMarker();
        }
    }
}
