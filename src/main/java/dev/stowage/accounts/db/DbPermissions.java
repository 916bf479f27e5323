package dev.stowage.accounts.db;

import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.Permission;
import dev.stowage.accounts.Permissions;
import dev.stowage.db.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/** {@link Permissions} in the {@code user_permissions} table; a user's rows go with the user (on delete cascade). */
@ApplicationScoped
public class DbPermissions implements Permissions {
    private final Pool pool;

    DbPermissions(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Set<Permission> of(String userId) {
        return Blocking.await(() -> pool.preparedQuery("select permission from user_permissions where user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    Set<Permission> granted = EnumSet.noneOf(Permission.class);
                    for (Row row : rows) {
                        Permission p = Permission.fromWire(row.getString("permission"));
                        if (p != null) {
                            granted.add(p);
                        }
                    }
                    return granted;
                }));
    }

    @Override
    public void set(String userId, Permission permission, boolean granted) {
        Blocking.await(() -> pool.withTransaction(conn -> conn
                .preparedQuery("select id from users where id = $1 for share").execute(Tuple.of(userId))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(new NoSuchUserException("There is no user with id " + userId + "."));
                    }
                    String sql = granted
                            ? "insert into user_permissions (user_id, permission) values ($1, $2) on conflict do nothing"
                            : "delete from user_permissions where user_id = $1 and permission = $2";
                    return conn.preparedQuery(sql).execute(Tuple.of(userId, permission.wire()));
                })));
    }
}
