package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.CreateUser;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** {@code PUT /?ostor-users&emailAddress=E[&system]}: a new user with one key pair, which is element 0. */
@ApplicationScoped
public class CreateUserHandler implements OstorHandler<CreateUser> {
    private static final Logger LOG = Logger.getLogger(CreateUserHandler.class);

    private final Accounts accounts;

    public CreateUserHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(CreateUser op, OstorRequest request) {
        UserAccount user = accounts.createUser(op.email(), op.system());
        LOG.infof("ostor-users: %s created %suser %s (%s)", request.principal().userId(), op.system() ? "system " : "",
                user.id(), user.email());
        JsonWriter json = new JsonWriter();
        UserJson.userWithKeys(json, user, user.keys());
        return Responses.json(json);
    }
}
