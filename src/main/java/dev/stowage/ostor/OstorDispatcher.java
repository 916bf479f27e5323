package dev.stowage.ostor;

import dev.stowage.ostor.OstorOperation.CreateUser;
import dev.stowage.ostor.OstorOperation.DeleteLimits;
import dev.stowage.ostor.OstorOperation.DeleteUser;
import dev.stowage.ostor.OstorOperation.GenerateKey;
import dev.stowage.ostor.OstorOperation.GetLimits;
import dev.stowage.ostor.OstorOperation.GetUser;
import dev.stowage.ostor.OstorOperation.ListAllBuckets;
import dev.stowage.ostor.OstorOperation.ListUsers;
import dev.stowage.ostor.OstorOperation.RevokeKey;
import dev.stowage.ostor.OstorOperation.SetLimit;
import dev.stowage.ostor.OstorOperation.SetPermission;
import dev.stowage.ostor.OstorOperation.SetUserState;
import dev.stowage.ostor.OstorOperation.Unsupported;
import dev.stowage.ostor.OstorOperation.DeleteUsage;
import dev.stowage.ostor.OstorOperation.GetUsage;
import dev.stowage.ostor.OstorOperation.ListUsage;
import dev.stowage.ostor.handler.DeleteUsageHandler;
import dev.stowage.ostor.handler.GetUsageHandler;
import dev.stowage.ostor.handler.ListUsageHandler;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import dev.stowage.ostor.handler.CreateUserHandler;
import dev.stowage.ostor.handler.DeleteLimitsHandler;
import dev.stowage.ostor.handler.DeleteUserHandler;
import dev.stowage.ostor.handler.GenerateKeyHandler;
import dev.stowage.ostor.handler.GetLimitsHandler;
import dev.stowage.ostor.handler.GetUserHandler;
import dev.stowage.ostor.handler.ListAllBucketsHandler;
import dev.stowage.ostor.handler.ListUsersHandler;
import dev.stowage.ostor.handler.RevokeKeyHandler;
import dev.stowage.ostor.handler.SetLimitHandler;
import dev.stowage.ostor.handler.SetPermissionHandler;
import dev.stowage.ostor.handler.SetUserStateHandler;
import dev.stowage.s3.S3Response;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands each ostor action to its handler. The switch is exhaustive: a new action without a handler won't compile. */
@ApplicationScoped
public class OstorDispatcher {
    private final CreateUserHandler createUser;
    private final ListUsersHandler listUsers;
    private final GetUserHandler getUser;
    private final SetUserStateHandler setUserState;
    private final GenerateKeyHandler generateKey;
    private final RevokeKeyHandler revokeKey;
    private final DeleteUserHandler deleteUser;
    private final ListAllBucketsHandler listAllBuckets;
    private final GetLimitsHandler getLimits;
    private final SetLimitHandler setLimit;
    private final DeleteLimitsHandler deleteLimits;
    private final SetPermissionHandler setPermission;
    private final ListUsageHandler listUsage;
    private final GetUsageHandler getUsage;
    private final DeleteUsageHandler deleteUsage;

    public OstorDispatcher(CreateUserHandler createUser, ListUsersHandler listUsers, GetUserHandler getUser,
            SetUserStateHandler setUserState, GenerateKeyHandler generateKey, RevokeKeyHandler revokeKey,
            DeleteUserHandler deleteUser, ListAllBucketsHandler listAllBuckets, GetLimitsHandler getLimits,
            SetLimitHandler setLimit, DeleteLimitsHandler deleteLimits, SetPermissionHandler setPermission,
            ListUsageHandler listUsage, GetUsageHandler getUsage, DeleteUsageHandler deleteUsage) {
        this.createUser = createUser;
        this.listUsers = listUsers;
        this.getUser = getUser;
        this.setUserState = setUserState;
        this.generateKey = generateKey;
        this.revokeKey = revokeKey;
        this.deleteUser = deleteUser;
        this.listAllBuckets = listAllBuckets;
        this.getLimits = getLimits;
        this.setLimit = setLimit;
        this.deleteLimits = deleteLimits;
        this.setPermission = setPermission;
        this.listUsage = listUsage;
        this.getUsage = getUsage;
        this.deleteUsage = deleteUsage;
    }

    public S3Response dispatch(OstorOperation op, OstorRequest request) {
        return switch (op) {
            case CreateUser o -> createUser.handle(o, request);
            case ListUsers o -> listUsers.handle(o, request);
            case GetUser o -> getUser.handle(o, request);
            case SetUserState o -> setUserState.handle(o, request);
            case GenerateKey o -> generateKey.handle(o, request);
            case RevokeKey o -> revokeKey.handle(o, request);
            case DeleteUser o -> deleteUser.handle(o, request);
            case ListAllBuckets o -> listAllBuckets.handle(o, request);
            case GetLimits o -> getLimits.handle(o, request);
            case SetLimit o -> setLimit.handle(o, request);
            case DeleteLimits o -> deleteLimits.handle(o, request);
            case SetPermission o -> setPermission.handle(o, request);
            case ListUsage o -> listUsage.handle(o, request);
            case GetUsage o -> getUsage.handle(o, request);
            case DeleteUsage o -> deleteUsage.handle(o, request);
            case Unsupported o -> throw new OstorException(OstorError.NOT_IMPLEMENTED,
                    "The " + o.service() + " service is not implemented by this gateway yet.");
        };
    }
}
