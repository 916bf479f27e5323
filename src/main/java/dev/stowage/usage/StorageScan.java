package dev.stowage.usage;

import dev.stowage.store.BucketInfo;
import dev.stowage.store.NoSuchBucketException;
import dev.stowage.store.ObjectStore;
import dev.stowage.store.StoredTotals;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reconciles the storage accounting with the filesystem, the source of truth: measures every bucket (its objects'
 * headers) and sets its bytes and object count; forgets buckets that are gone. A write racing with the walk of
 * its bucket may be counted off by that one object until the next scan.
 */
final class StorageScan {
    private static final Logger LOG = Logger.getLogger(StorageScan.class);

    private StorageScan() {}

    static void run(ObjectStore store, StorageLedger ledger) throws IOException {
        List<BucketInfo> buckets = store.listBuckets();
        for (BucketInfo bucket : buckets) {
            try {
                StoredTotals totals = store.measureBucket(bucket.name());
                ledger.measured(bucket, totals.bytes(), totals.objects());
            } catch (NoSuchBucketException e) {
                // deleted meanwhile
            }
        }
        ledger.retainOnly(buckets);
        LOG.debugf("Storage accounting reconciled with %d buckets", buckets.size());
    }
}
