package dev.stowage.accounts.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code buckets}: who owns a bucket, since when, and which creation of that name it is. */
@Entity
@Table(name = "buckets")
public class BucketEntity {
    @Id
    public String name;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "created_at")
    public Instant createdAt;

    public long epoch;
}
