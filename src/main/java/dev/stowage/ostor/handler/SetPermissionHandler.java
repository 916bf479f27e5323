package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.Permissions;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.SetPermission;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * {@code POST /?ostor-users&emailAddress=E&grantPermission=utapi:ListMetrics} / {@code &revokePermission=...}: the
 * user may (or may no longer) read its metrics through UTAPI. 200 without a body; granting twice is fine.
 */
@ApplicationScoped
public class SetPermissionHandler implements OstorHandler<SetPermission> {
    private static final Logger LOG = Logger.getLogger(SetPermissionHandler.class);

    private final Accounts accounts;
    private final Permissions permissions;

    public SetPermissionHandler(Accounts accounts, Permissions permissions) {
        this.accounts = accounts;
        this.permissions = permissions;
    }

    @Override
    public S3Response handle(SetPermission op, OstorRequest request) {
        UserAccount user = Users.require(accounts, op.user());
        permissions.set(user.id(), op.permission(), op.granted());
        LOG.infof("ostor-users: %s %s %s for user %s (%s)", request.principal().userId(),
                op.granted() ? "granted" : "revoked", op.permission().wire(), user.id(), user.email());
        return Responses.okEmpty();
    }
}
