package dev.stowage.accounts.db;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Access keys, always in creation order (a new user's first key comes first). */
@ApplicationScoped
public class AccessKeyRepository implements PanacheRepositoryBase<AccessKeyEntity, String> {

    public Uni<List<AccessKeyEntity>> listOfUser(String userId) {
        return list("userId = ?1 order by createdAt, accessKeyId", userId);
    }

    public Uni<List<AccessKeyEntity>> listInCreationOrder() {
        return list("order by createdAt, accessKeyId");
    }
}
