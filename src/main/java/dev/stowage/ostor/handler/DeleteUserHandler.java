package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.DeleteUser;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** {@code DELETE /?ostor-users&emailAddress=E}: the user and its keys go (204); refused while it owns buckets. */
@ApplicationScoped
public class DeleteUserHandler implements OstorHandler<DeleteUser> {
    private static final Logger LOG = Logger.getLogger(DeleteUserHandler.class);

    private final Accounts accounts;

    public DeleteUserHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(DeleteUser op, OstorRequest request) {
        UserAccount user = Users.require(accounts, op.user());
        accounts.deleteUser(user.id());
        LOG.infof("ostor-users: %s deleted user %s (%s)", request.principal().userId(), user.id(), user.email());
        return S3Response.noContent();
    }
}
