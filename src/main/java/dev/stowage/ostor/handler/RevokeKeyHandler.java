package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.RevokeKey;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** {@code POST /?ostor-users&emailAddress=E&revokeKey=KEY}: the key stops working at once. 200 without a body. */
@ApplicationScoped
public class RevokeKeyHandler implements OstorHandler<RevokeKey> {
    private static final Logger LOG = Logger.getLogger(RevokeKeyHandler.class);

    private final Accounts accounts;

    public RevokeKeyHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(RevokeKey op, OstorRequest request) {
        UserAccount user = Users.require(accounts, op.user());
        accounts.revokeKey(user.id(), op.accessKeyId());
        LOG.infof("ostor-users: %s revoked key %s of user %s (%s)", request.principal().userId(), op.accessKeyId(),
                user.id(), user.email());
        return Responses.okEmpty();
    }
}
