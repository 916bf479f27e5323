package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.ostor.OstorOperation.GetUser;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /?ostor-users&emailAddress=E} (or {@code &id=ID}): the user with its flags and key pairs. */
@ApplicationScoped
public class GetUserHandler implements OstorHandler<GetUser> {
    private final Accounts accounts;

    public GetUserHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(GetUser op, OstorRequest request) {
        JsonWriter json = new JsonWriter();
        UserJson.details(json, Users.require(accounts, op.user()));
        return Responses.json(json);
    }
}
