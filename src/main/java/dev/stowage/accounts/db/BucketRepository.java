package dev.stowage.accounts.db;

import dev.stowage.accounts.BucketRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Bucket ownership rows. */
@ApplicationScoped
public class BucketRepository implements PanacheRepositoryBase<BucketEntity, String> {

    public Uni<Long> countOwnedBy(String userId) {
        return count("ownerId", userId);
    }

    public Uni<List<BucketEntity>> listByName() {
        return list("order by name");
    }

    /** Records a creation of the bucket, replacing the row a previous creation of that name may have left. */
    public Uni<Integer> upsert(BucketRecord bucket) {
        return getSession().flatMap(session -> session.createNativeQuery("""
                        insert into buckets (name, owner_id, created_at, epoch) values (?1, ?2, ?3, ?4)
                        on conflict (name) do update
                        set owner_id = excluded.owner_id, created_at = excluded.created_at, epoch = excluded.epoch""")
                .setParameter(1, bucket.name())
                .setParameter(2, bucket.ownerId())
                .setParameter(3, bucket.created())
                .setParameter(4, bucket.epoch())
                .executeUpdate());
    }
}
