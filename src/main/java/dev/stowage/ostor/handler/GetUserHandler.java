package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.Permissions;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.GetUser;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /?ostor-users&emailAddress=E} (or {@code &id=ID}): the user with its flags and key pairs. */
@ApplicationScoped
public class GetUserHandler implements OstorHandler<GetUser> {
    private final Accounts accounts;
    private final Permissions permissions;

    public GetUserHandler(Accounts accounts, Permissions permissions) {
        this.accounts = accounts;
        this.permissions = permissions;
    }

    @Override
    public S3Response handle(GetUser op, OstorRequest request) {
        JsonWriter json = new JsonWriter();
        UserAccount user = Users.require(accounts, op.user());
        UserJson.details(json, user, permissions.of(user.id()));
        return Responses.json(json);
    }
}
