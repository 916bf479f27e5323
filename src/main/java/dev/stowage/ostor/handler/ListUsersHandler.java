package dev.stowage.ostor.handler;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.UserAccount;
import dev.stowage.ostor.OstorOperation.ListUsers;
import dev.stowage.ostor.OstorRequest;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /?ostor-users}: every user as a bare JSON array of {UserEmail, UserId, State, OwnerId}. */
@ApplicationScoped
public class ListUsersHandler implements OstorHandler<ListUsers> {
    private final Accounts accounts;

    public ListUsersHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public S3Response handle(ListUsers op, OstorRequest request) {
        JsonWriter json = new JsonWriter().beginArray();
        for (UserAccount user : accounts.listUsers()) {
            UserJson.summary(json, user);
        }
        return Responses.json(json.endArray());
    }
}
