package dev.stowage.ostor;

import static dev.stowage.ostor.OstorNames.P_DISABLE;
import static dev.stowage.ostor.OstorNames.P_EMAIL_ADDRESS;
import static dev.stowage.ostor.OstorNames.P_ENABLE;
import static dev.stowage.ostor.OstorNames.P_GEN_KEY;
import static dev.stowage.ostor.OstorNames.P_GRANT_PERMISSION;
import static dev.stowage.ostor.OstorNames.P_ID;
import static dev.stowage.ostor.OstorNames.P_REVOKE_KEY;
import static dev.stowage.ostor.OstorNames.P_REVOKE_PERMISSION;
import static dev.stowage.ostor.OstorNames.P_SYSTEM;

import dev.stowage.accounts.Permission;
import dev.stowage.accounts.UserState;
import dev.stowage.http.RequestHead;
import dev.stowage.ostor.OstorOperation.CreateUser;
import dev.stowage.ostor.OstorOperation.DeleteUser;
import dev.stowage.ostor.OstorOperation.GenerateKey;
import dev.stowage.ostor.OstorOperation.GetUser;
import dev.stowage.ostor.OstorOperation.ListAllBuckets;
import dev.stowage.ostor.OstorOperation.ListUsers;
import dev.stowage.ostor.OstorOperation.RevokeKey;
import dev.stowage.ostor.OstorOperation.SetPermission;
import dev.stowage.ostor.OstorOperation.SetUserState;
import dev.stowage.ostor.OstorOperation.Unsupported;
import dev.stowage.ostor.error.OstorError;
import dev.stowage.ostor.error.OstorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request head into the ostor action it asks for. Pure: no I/O, no state. The ostor words are bare query
 * words ({@code ?ostor-users&emailAddress=E&disable}); parameters the service does not know (the signature's own,
 * for presigned requests) are ignored, as ostor ignores them.
 */
public final class OstorParser {
    private static final List<String> USER_ACTIONS = List.of(P_DISABLE, P_ENABLE, P_GEN_KEY, P_REVOKE_KEY,
            P_GRANT_PERMISSION, P_REVOKE_PERMISSION);

    private OstorParser() {}

    /** Whether the request addresses an ostor admin service: a query parameter named {@code ostor-*}. */
    public static boolean isOstor(RequestHead head) {
        for (RequestHead.QueryParam p : head.query()) {
            if (p.name().startsWith(OstorNames.SERVICE_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The action of an ostor request ({@link #isOstor} is true); {@link OstorException} when malformed. */
    public static OstorOperation parse(RequestHead head) {
        String service = service(head);
        if (head.bucket() != null || head.key() != null) {
            throw invalid("The ostor services are addressed at the service root: /?" + service);
        }
        return switch (service) {
            case OstorNames.USERS -> users(head);
            case OstorNames.BUCKETS -> buckets(head);
            case OstorNames.LIMITS -> LimitsParser.parse(head);
            case OstorNames.USAGE -> usage(head);
            default -> new Unsupported(service);
        };
    }

    private static String service(RequestHead head) {
        String service = null;
        for (RequestHead.QueryParam p : head.query()) {
            if (p.name().startsWith(OstorNames.SERVICE_PREFIX)) {
                if (service != null && !service.equals(p.name())) {
                    throw invalid("One ostor service per request: both " + service + " and " + p.name() + " given.");
                }
                service = p.name();
            }
        }
        if (service == null) {
            throw new IllegalArgumentException("not an ostor request");
        }
        return service;
    }

    private static OstorOperation users(RequestHead head) {
        UserSelector user = selector(head);
        List<String> actions = new ArrayList<>(1);
        for (String action : USER_ACTIONS) {
            if (head.hasParam(action)) {
                actions.add(action);
            }
        }
        String method = head.method();
        if (!method.equals("POST") && !actions.isEmpty()) {
            throw invalid("?ostor-users&" + actions.get(0) + " needs POST, not " + method + ".");
        }
        return switch (method) {
            case "GET" -> user == null ? new ListUsers() : new GetUser(user);
            case "PUT" -> createUser(head, user);
            case "POST" -> userAction(head, requireSelector(user, "POST"), actions);
            case "DELETE" -> new DeleteUser(requireSelector(user, "DELETE"));
            default -> throw methodNotAllowed(method, OstorNames.USERS);
        };
    }

    private static CreateUser createUser(RequestHead head, UserSelector user) {
        if (!(user instanceof UserSelector.ByEmail(String email))) {
            throw invalid("PUT ?ostor-users creates a user by email: emailAddress=E is required"
                    + (user == null ? "." : ", not id."));
        }
        return new CreateUser(email, flag(head, P_SYSTEM));
    }

    private static OstorOperation userAction(RequestHead head, UserSelector user, List<String> actions) {
        if (actions.size() != 1) {
            throw invalid(actions.isEmpty()
                    ? "POST ?ostor-users needs one of disable, enable, genKey, revokeKey=KEY, grantPermission=P,"
                            + " revokePermission=P."
                    : "POST ?ostor-users takes one action at a time, not " + String.join(" and ", actions) + ".");
        }
        return switch (actions.get(0)) {
            case P_DISABLE -> new SetUserState(user, UserState.DISABLED);
            case P_ENABLE -> new SetUserState(user, UserState.ENABLED);
            case P_GEN_KEY -> new GenerateKey(user);
            case P_GRANT_PERMISSION, P_REVOKE_PERMISSION -> {
                String name = head.param(actions.get(0));
                Permission permission = Permission.fromWire(name);
                if (permission == null) {
                    throw invalid(actions.get(0) + " needs a permission: " + actions.get(0) + "="
                            + Permission.UTAPI_LIST_METRICS.wire() + ", not " + (name == null ? "nothing" : name) + ".");
                }
                yield new SetPermission(user, permission, actions.get(0).equals(P_GRANT_PERMISSION));
            }
            default -> {
                String key = head.param(P_REVOKE_KEY);
                if (key == null || key.isBlank()) {
                    throw invalid("revokeKey needs the access key id: revokeKey=KEY.");
                }
                yield new RevokeKey(user, key);
            }
        };
    }

    private static OstorOperation buckets(RequestHead head) {
        if (!head.method().equals("GET")) {
            throw methodNotAllowed(head.method(), OstorNames.BUCKETS);
        }
        if (head.hasParam(OstorNames.P_BUCKET)) {
            if (selector(head) != null) {
                throw invalid("Only one of emailAddress, id and bucket may be set in a request.");
            }
            return new ListAllBuckets(null, required(head, OstorNames.P_BUCKET));
        }
        return new ListAllBuckets(selector(head));
    }

    /** The largest (and default) page of {@code GET /?ostor-usage}. */
    public static final int MAX_USAGE_PAGE = 1000;

    private static OstorOperation usage(RequestHead head) {
        boolean hasObj = head.hasParam(OstorNames.P_OBJ);
        return switch (head.method()) {
            case "GET" -> {
                if (hasObj) {
                    if (head.hasParam(OstorNames.P_AFTER) || head.hasParam(OstorNames.P_LIMIT)) {
                        throw invalid("after and limit page the list of usage objects; they do not go with obj.");
                    }
                    yield new OstorOperation.GetUsage(required(head, OstorNames.P_OBJ));
                }
                String after = head.hasParam(OstorNames.P_AFTER) ? required(head, OstorNames.P_AFTER) : null;
                yield new OstorOperation.ListUsage(after, usageLimit(head));
            }
            case "DELETE" -> {
                if (!hasObj) {
                    throw invalid("DELETE ?ostor-usage needs the usage object: obj=NAME.");
                }
                yield new OstorOperation.DeleteUsage(required(head, OstorNames.P_OBJ));
            }
            default -> throw methodNotAllowed(head.method(), OstorNames.USAGE);
        };
    }

    private static int usageLimit(RequestHead head) {
        if (!head.hasParam(OstorNames.P_LIMIT)) {
            return MAX_USAGE_PAGE;
        }
        String value = required(head, OstorNames.P_LIMIT);
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1) {
            throw invalid("limit is a whole number of usage objects, 1 or more (at most " + MAX_USAGE_PAGE
                    + " are returned), not " + value + ".");
        }
        return Math.min(Integer.parseInt(value), MAX_USAGE_PAGE);
    }

    /** The one user selector, or null when there is none; both, or an empty one, is InvalidArgument. */
    static UserSelector selector(RequestHead head) {
        boolean byEmail = head.hasParam(P_EMAIL_ADDRESS);
        boolean byId = head.hasParam(P_ID);
        if (byEmail && byId) {
            throw invalid("Only one of emailAddress and id may be set in a request.");
        }
        if (byEmail) {
            return new UserSelector.ByEmail(required(head, P_EMAIL_ADDRESS));
        }
        if (byId) {
            return new UserSelector.ById(required(head, P_ID));
        }
        return null;
    }

    private static UserSelector requireSelector(UserSelector user, String method) {
        if (user == null) {
            throw invalid(method + " ?ostor-users needs the user: emailAddress=E or id=ID.");
        }
        return user;
    }

    static String required(RequestHead head, String name) {
        String value = head.param(name);
        if (value == null || value.isBlank()) {
            throw invalid(name + " needs a value.");
        }
        return value;
    }

    /** A bare flag ({@code &system}); {@code =true}/{@code =1} set it too, {@code =false}/{@code =0} do not. */
    private static boolean flag(RequestHead head, String name) {
        if (!head.hasParam(name)) {
            return false;
        }
        String value = head.param(name);
        if (value == null || value.isEmpty() || value.equals("true") || value.equals("1")) {
            return true;
        }
        if (value.equals("false") || value.equals("0")) {
            return false;
        }
        throw invalid(name + " is a flag: give it bare (&" + name + "), not =" + value + ".");
    }

    static OstorException invalid(String message) {
        return new OstorException(OstorError.INVALID_ARGUMENT, message);
    }

    static OstorException methodNotAllowed(String method, String service) {
        return new OstorException(OstorError.METHOD_NOT_ALLOWED, method + " is not allowed on ?" + service + ".");
    }
}
