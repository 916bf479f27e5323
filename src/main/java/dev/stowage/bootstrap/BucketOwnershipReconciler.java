package dev.stowage.bootstrap;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.store.BucketInfo;
import dev.stowage.store.ObjectStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * At start, brings the accounts database's bucket records in line with the buckets on disk (the store is the
 * truth): a bucket made before the database existed, or whose record was lost between the store and the database,
 * gets its record; a record whose bucket is gone is dropped. Runs after the system user is ensured.
 */
@ApplicationScoped
public class BucketOwnershipReconciler {
    private static final Logger LOG = Logger.getLogger(BucketOwnershipReconciler.class);

    void reconcile(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent event, ObjectStore store,
            Accounts accounts) throws IOException {
        Map<String, BucketRecord> records = new HashMap<>();
        for (BucketRecord r : accounts.listBuckets()) {
            records.put(r.name(), r);
        }
        int added = 0;
        for (BucketInfo bucket : store.listBuckets()) {
            BucketRecord recorded = records.remove(bucket.name());
            if (recorded != null && recorded.epoch() == bucket.epoch()) {
                continue;
            }
            try {
                accounts.bucketCreated(new BucketRecord(bucket.name(), bucket.ownerId(), bucket.created(), bucket.epoch()));
                added++;
            } catch (NoSuchUserException e) {
                LOG.warnf("Bucket %s is owned by user %s, who has no account: it stays out of the ownership records",
                        bucket.name(), bucket.ownerId());
            }
        }
        for (String gone : records.keySet()) {
            accounts.bucketDeleted(gone);
        }
        if (added > 0 || !records.isEmpty()) {
            LOG.infof("Bucket ownership records reconciled with the store: %d recorded, %d dropped", added, records.size());
        }
    }
}
