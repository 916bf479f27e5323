package dev.stowage.ostor.handler;

import dev.stowage.accounts.AccessKeyPair;
import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.GenerateKey;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /?ostor-users&emailAddress=E&genKey}: a new key pair (at most {@value Accounts#MAX_KEYS_PER_USER} per
 * user), answered as {UserEmail, UserId, AWSAccessKeys: [the new pair]}.
 */
@ApplicationScoped
public class GenerateKeyHandler implements OstorHandler<GenerateKey> {
    private static final Logger LOG = Logger.getLogger(GenerateKeyHandler.class);

    private final Accounts accounts;

    public GenerateKeyHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(GenerateKey op, OstorRequest request) {
        UserAccount user = Users.require(accounts, op.user());
        AccessKeyPair key = accounts.generateKey(user.id());
        LOG.infof("ostor-users: %s generated key %s for user %s (%s)", request.principal().userId(), key.accessKeyId(),
                user.id(), user.email());
        JsonWriter json = new JsonWriter();
        UserJson.userWithKeys(json, user, List.of(key));
        return Responses.json(json);
    }
}
