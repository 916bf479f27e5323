package dev.stowage.accounts.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code access_keys}: one key pair of a user. */
@Entity
@Table(name = "access_keys")
public class AccessKeyEntity {
    @Id
    @Column(name = "access_key_id")
    public String accessKeyId;

    @Column(name = "user_id")
    public String userId;

    public String secret;

    @Column(name = "created_at")
    public Instant createdAt;
}
