package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.ostor.OstorOperation.ListAllBuckets;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /?ostor-buckets} (every bucket) or {@code &emailAddress=E} / {@code &id=ID} (one user's):
 * {@code {"Buckets": [{"name", "epoch", "creation_date", "owner_id"}]}}, ordered by name. (ostor adds a
 * {@code size} object per bucket; it comes with usage statistics.)
 */
@ApplicationScoped
public class ListAllBucketsHandler implements OstorHandler<ListAllBuckets> {
    /** {@code 2017-01-31T16:18:57.000Z}, as ostor and S3 listings print dates. */
    static final DateTimeFormatter CREATION_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;

    public ListAllBucketsHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(ListAllBuckets op, OstorRequest request) {
        String ownerId = op.owner() == null ? null : Users.require(accounts, op.owner()).id();
        JsonWriter json = new JsonWriter().beginObject().name("Buckets").beginArray();
        for (BucketRecord bucket : accounts.listBuckets()) {
            if (ownerId == null || ownerId.equals(bucket.ownerId())) {
                json.beginObject()
                        .field("name", bucket.name())
                        .field("epoch", bucket.epoch())
                        .field("creation_date", CREATION_DATE.format(bucket.created()))
                        .field("owner_id", bucket.ownerId())
                        .endObject();
            }
        }
        return Responses.json(json.endArray().endObject());
    }
}
