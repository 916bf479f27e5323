package dev.stowage.ostor;

import dev.stowage.accounts.Permission;
import dev.stowage.accounts.UserState;
import dev.stowage.limits.LimitKey;

/**
 * An ostor admin request understood: one record per action, parsed from a request head by {@link OstorParser}, a
 * pure function. Every action needs a system user; that is checked before any handler runs.
 */
public sealed interface OstorOperation {

    /** The action name, as used in logs. */
    default String action() {
        return getClass().getSimpleName();
    }

    /** {@code PUT /?ostor-users&emailAddress=E} (and {@code &system} for a system user). */
    record CreateUser(String email, boolean system) implements OstorOperation {}

    /** {@code GET /?ostor-users}: every user, a bare JSON array. */
    record ListUsers() implements OstorOperation {}

    /** {@code GET /?ostor-users&emailAddress=E} or {@code &id=ID}: one user with flags and keys. */
    record GetUser(UserSelector user) implements OstorOperation {}

    /** {@code POST /?ostor-users&emailAddress=E&disable} or {@code &enable}. */
    record SetUserState(UserSelector user, UserState state) implements OstorOperation {}

    /** {@code POST /?ostor-users&emailAddress=E&genKey}: a new key pair. */
    record GenerateKey(UserSelector user) implements OstorOperation {}

    /** {@code POST /?ostor-users&emailAddress=E&revokeKey=KEY}. */
    record RevokeKey(UserSelector user, String accessKeyId) implements OstorOperation {}

    /**
     * {@code POST /?ostor-users&emailAddress=E&grantPermission=utapi:ListMetrics} (or {@code &revokePermission=}):
     * Stowage's addition for the metering endpoint.
     */
    record SetPermission(UserSelector user, Permission permission, boolean granted) implements OstorOperation {}

    /** {@code DELETE /?ostor-users&emailAddress=E}: refused while the user owns buckets. */
    record DeleteUser(UserSelector user) implements OstorOperation {}

    /**
     * {@code GET /?ostor-buckets}, all buckets, or with a selector one user's buckets, or with {@code &bucket=B}
     * that bucket ({@code bucket} null otherwise; at most one of the two is set).
     */
    record ListAllBuckets(UserSelector owner, String bucket) implements OstorOperation {
        public ListAllBuckets(UserSelector owner) {
            this(owner, null);
        }
    }

    /** {@code GET /?ostor-limits&emailAddress=E} (or {@code &id=ID}, {@code &bucket=B}): all six limits. */
    record GetLimits(LimitTarget target) implements OstorOperation {}

    /**
     * {@code PUT /?ostor-limits&emailAddress=E&limit-type=ops&limit-resource=get&limit-value=3600} (or the older
     * {@code &ops&get=3600}): one limit, its value checked already (ops rounded to two decimals; 0 = unlimited).
     */
    record SetLimit(LimitTarget target, LimitKey key, double value) implements OstorOperation {}

    /** {@code DELETE /?ostor-limits&emailAddress=E} (or {@code &bucket=B}): every limit back to 0 (unlimited). */
    record DeleteLimits(LimitTarget target) implements OstorOperation {}

    /**
     * {@code GET /?ostor-usage} (optionally {@code &after=NAME&limit=N}): the usage objects' names, oldest first,
     * at most {@code limit} of them after {@code after} (null: from the first).
     */
    record ListUsage(String after, int limit) implements OstorOperation {}

    /** {@code GET /?ostor-usage&obj=NAME}: one usage object's JSON. */
    record GetUsage(String obj) implements OstorOperation {}

    /** {@code DELETE /?ostor-usage&obj=NAME}: 204. */
    record DeleteUsage(String obj) implements OstorOperation {}

    /** Any other {@code ostor-*} service (ostor-usage, ...): NotImplemented, once authorized. */
    record Unsupported(String service) implements OstorOperation {}
}
