package dev.stowage.accounts.db;

import dev.stowage.accounts.UserState;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code users}. */
@Entity
@Table(name = "users")
public class UserEntity {
    @Id
    public String id;

    public String email;

    @Convert(converter = UserStateColumn.class)
    public UserState state;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "is_system")
    public boolean system;

    @Column(name = "created_at")
    public Instant createdAt;
}
