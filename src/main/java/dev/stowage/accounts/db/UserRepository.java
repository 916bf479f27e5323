package dev.stowage.accounts.db;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Users by id and by email (emails match whatever their case, as the unique index does). */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, String> {

    public Uni<UserEntity> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }

    /** The user's row, locked until the transaction ends, so that changes to one user run one at a time. */
    public Uni<UserEntity> lockById(String userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<UserEntity>> listByEmail() {
        return list("order by lower(email), email");
    }
}
