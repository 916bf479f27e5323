package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.SetUserState;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * {@code POST /?ostor-users&emailAddress=E&disable} / {@code &enable}: a disabled user's keys are refused (403)
 * until it is enabled again. 200 without a body.
 */
@ApplicationScoped
public class SetUserStateHandler implements OstorHandler<SetUserState> {
    private static final Logger LOG = Logger.getLogger(SetUserStateHandler.class);

    private final Accounts accounts;

    public SetUserStateHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(SetUserState op, OstorRequest request) {
        UserAccount user = Users.require(accounts, op.user());
        accounts.setState(user.id(), op.state());
        LOG.infof("ostor-users: %s set user %s (%s) %s", request.principal().userId(), user.id(), user.email(),
                op.state().wire());
        return Responses.okEmpty();
    }
}
