package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.ostor.OstorOperation.ListAllBuckets;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import dev.stowage.usage.BucketStorage;
import dev.stowage.usage.StorageLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /?ostor-buckets} (every bucket), {@code &emailAddress=E} / {@code &id=ID} (one user's) or
 * {@code &bucket=B} (that one): {@code {"Buckets": [{"name", "epoch", "creation_date", "owner_id", "size":
 * {"current", "hmax", "h_integral", "last_ts"}}]}}, ordered by name. {@code size} is the storage accounting: bytes
 * stored now, the most stored since the usage period began, the byte-seconds stored since then up to
 * {@code last_ts} (Unix seconds).
 */
@ApplicationScoped
public class ListAllBucketsHandler implements OstorHandler<ListAllBuckets> {
    /** {@code 2017-01-31T16:18:57.000Z}, as ostor and S3 listings print dates. */
    static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;
    private final StorageLedger storage;

    public ListAllBucketsHandler(Accounts accounts, StorageLedger storage) {
        this.accounts = accounts;
        this.storage = storage;
    }

    @Override
    public S3Response handle(ListAllBuckets op, OstorRequest request) {
        String ownerId = op.owner() == null ? null : Users.require(accounts, op.owner()).id();
        JsonWriter json = new JsonWriter().beginObject().name("Buckets").beginArray();
        boolean found = false;
        for (BucketRecord bucket : accounts.listBuckets()) {
            if ((ownerId == null || ownerId.equals(bucket.ownerId()))
                    && (op.bucket() == null || op.bucket().equals(bucket.name()))) {
                found = true;
                BucketStorage size = storage.of(bucket.name(), bucket.epoch(), bucket.ownerId());
                json.beginObject()
                        .field("name", bucket.name())
                        .field("epoch", bucket.epoch())
                        .field("creation_date", CREATION_DATE.format(bucket.created()))
                        .field("owner_id", bucket.ownerId())
                        .name("size").beginObject()
                        .field("current", size.current())
                        .field("hmax", size.hmax())
                        .field("h_integral", size.hIntegral())
                        .field("last_ts", size.lastTs())
                        .endObject()
                        .endObject();
            }
        }
        if (op.bucket() != null && !found) {
            throw new OstorException(OstorError.NO_SUCH_BUCKET);
        }
        return Responses.json(json.endArray().endObject());
    }
}
