package dev.stowage.accounts.db;

import dev.stowage.accounts.AccountException;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

/** Reads what a failed database call says: the account error raised inside it, or PostgreSQL's SQLSTATE. */
final class DatabaseErrors {
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private DatabaseErrors() {}

    /** The {@link AccountException} thrown inside the transaction, if that is why it failed. */
    static Optional<AccountException> accountError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AccountException a) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static boolean is(Throwable failure, String sqlState) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (sqlState.equals(sqlState(t))) {
                return true;
            }
        }
        return false;
    }

    /** The name of the violated constraint, or "" when the failure does not say. */
    static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getConstraint() != null) {
                return pg.getConstraint();
            }
            if (t instanceof ConstraintViolationException c && c.getConstraintName() != null) {
                return c.getConstraintName();
            }
        }
        return "";
    }

    private static String sqlState(Throwable t) {
        return switch (t) {
            case PgException pg -> pg.getSqlState();
            case JDBCException jdbc -> jdbc.getSQLState();
            case SQLException sql -> sql.getSQLState();
            default -> null;
        };
    }
}
