package dev.stowage.metering.utapi;

import dev.stowage.accounts.Accounts;
import dev.stowage.accounts.BucketRecord;
import dev.stowage.accounts.Permission;
import dev.stowage.accounts.Permissions;
import dev.stowage.auth.Principal;
import dev.stowage.auth.RequestAuthenticator;
import dev.stowage.auth.VerifiedRequest;
import dev.stowage.http.RequestHead;
import dev.stowage.metering.MeteringLedger;
import dev.stowage.metering.MeteringResponse;
import dev.stowage.metering.S3Actions;
import dev.stowage.metering.Slots;
import dev.stowage.s3.error.S3Exception;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * UTAPI's ListMetrics ({@code POST /buckets?Action=ListMetrics}, {@code /accounts}, {@code /users},
 * {@code /service}): Signature V4 verified first (over the body too), then the request validated as UTAPI does,
 * then access (system users see everything; users granted {@code utapi:ListMetrics} see their own buckets, account
 * and user only, the others being dropped from the answer as UTAPI drops unauthorized resources), then one metrics
 * object per entity read from the {@link MeteringLedger}.
 */
@ApplicationScoped
public class ListMetricsHandler {
    private static final Logger LOG = Logger.getLogger(ListMetricsHandler.class);
    private static final String AWS4 = "AWS4-HMAC-SHA256";

    private final RequestAuthenticator authenticator;
    private final MeteringLedger ledger;
    private final Accounts accounts;
    private final Permissions permissions;
    private final Clock clock;

    @Inject
    public ListMetricsHandler(RequestAuthenticator authenticator, MeteringLedger ledger, Accounts accounts,
            Permissions permissions) {
        this(authenticator, ledger, accounts, permissions, Clock.systemUTC());
    }

    ListMetricsHandler(RequestAuthenticator authenticator, MeteringLedger ledger, Accounts accounts,
            Permissions permissions, Clock clock) {
        this.authenticator = authenticator;
        this.ledger = ledger;
        this.accounts = accounts;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Answers one request; every refusal is UTAPI's JSON error. */
    public MeteringResponse handle(RequestHead head, byte[] body) {
        try {
            Principal principal = authenticate(head, body);
            ListMetricsRequest request = UtapiParser.parse(head.method(), decodedPath(head), head.param(UtapiParser.ACTION),
                    new String(body, StandardCharsets.UTF_8), clock.millis());
            List<String> allowed = authorize(principal, request);
            JsonArray answer = new JsonArray();
            for (String resource : allowed) {
                answer.add(metrics(request.level(), resource, request.start(), request.end()));
            }
            return MeteringResponse.json(200, answer.encode());
        } catch (UtapiException e) {
            return error(e.error(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "UTAPI request %s failed", head.requestId());
            return error(UtapiError.INTERNAL_ERROR, UtapiError.INTERNAL_ERROR.description());
        }
    }

    /** UTAPI's error body: {@code {"code": "...", "message": "..."}}. */
    public static MeteringResponse error(UtapiError error, String message) {
        return MeteringResponse.json(error.status(), new JsonObject().put("code", error.code()).put("message", message)
                .encode());
    }

    private Principal authenticate(RequestHead head, byte[] body) {
        String authorization = head.header("authorization");
        boolean presignedV4 = head.hasParam("X-Amz-Credential") || head.hasParam("X-Amz-Signature");
        if (authorization == null && !presignedV4) {
            throw new UtapiException(UtapiError.MISSING_AUTHENTICATION_TOKEN);
        }
        if (authorization != null && !authorization.startsWith(AWS4)) {
            throw new UtapiException(UtapiError.INCOMPLETE_SIGNATURE, "Must use Auth V4 for this request.");
        }
        try {
            VerifiedRequest verified = authenticator.authenticate(head);
            try (InputStream in = verified.body(new ByteArrayInputStream(body), head)) {
                in.readAllBytes();
            }
            return verified.principal();
        } catch (S3Exception e) {
            LOG.debugf("UTAPI request %s refused: %s %s %s", head.requestId(), e.error().code(), e.getMessage(),
                    e.extraElements());
            throw new UtapiException(switch (e.error().code()) {
                case "InvalidAccessKeyId" -> UtapiError.INVALID_ACCESS_KEY_ID;
                case "SignatureDoesNotMatch", "XAmzContentSHA256Mismatch", "BadDigest" ->
                        UtapiError.SIGNATURE_DOES_NOT_MATCH;
                case "RequestTimeTooSkewed", "AccessDenied" -> UtapiError.REQUEST_EXPIRED;
                default -> UtapiError.INCOMPLETE_SIGNATURE;
            }, e.getMessage() != null ? e.getMessage() : e.error().message());
        } catch (IOException e) {
            throw new UtapiException(UtapiError.INCOMPLETE_SIGNATURE, "The request body could not be read.");
        }
    }

    /** The resources the principal may see, in the order asked; AccessDenied when none. */
    private List<String> authorize(Principal principal, ListMetricsRequest request) {
        if (principal.system()) {
            return request.resources();
        }
        if (!permissions.of(principal.userId()).contains(Permission.UTAPI_LIST_METRICS)) {
            throw new UtapiException(UtapiError.ACCESS_DENIED);
        }
        Predicate<String> own = switch (request.level()) {
            case BUCKETS -> {
                Set<String> owned = new java.util.HashSet<>();
                for (BucketRecord b : accounts.listBuckets()) {
                    if (b.ownerId().equals(principal.userId())) {
                        owned.add(b.name());
                    }
                }
                yield owned::contains;
            }
            case ACCOUNTS, USERS -> principal.userId()::equals;
            case SERVICE -> name -> false;
        };
        List<String> allowed = request.resources().stream().filter(own).toList();
        if (allowed.isEmpty()) {
            throw new UtapiException(UtapiError.ACCESS_DENIED);
        }
        return allowed;
    }

    /** One entity's metrics, in UTAPI's shape and member order, the entity's name last. */
    JsonObject metrics(UtapiLevel level, String resource, long start, long end) {
        Instant from = Instant.ofEpochMilli(start);
        Instant to = Slots.ceil(Instant.ofEpochMilli(end + 1));
        Predicate<String> ownerMatches = owner -> level == UtapiLevel.SERVICE || resource.equals(owner);
        long incoming = 0;
        long outgoing = 0;
        Map<String, Long> operations = new LinkedHashMap<>();
        for (String key : S3Actions.operationKeys()) {
            operations.put(key, 0L);
        }
        for (MeteringLedger.Traffic t : ledger.traffic(from, to)) {
            boolean counted = switch (level) {
                case BUCKETS -> resource.equals(t.bucket());
                case ACCOUNTS -> resource.equals(t.ownerId());
                case USERS -> resource.equals(t.userId());
                case SERVICE -> true;
            };
            if (!counted) {
                continue;
            }
            incoming += t.bytesIn();
            outgoing += t.bytesOut();
            String key = S3Actions.utapiKey(t.action());
            if (key != null) {
                operations.merge(key, t.ops(), Long::sum);
            }
        }
        long[] atStart = storage(level, resource, from, ownerMatches);
        long[] atEnd = storage(level, resource, Instant.ofEpochMilli(end), ownerMatches);
        JsonObject ops = new JsonObject();
        operations.forEach(ops::put);
        return new JsonObject()
                .put("timeRange", new JsonArray().add(start).add(end))
                .put("storageUtilized", new JsonArray().add(atStart[0]).add(atEnd[0]))
                .put("incomingBytes", incoming)
                .put("outgoingBytes", outgoing)
                .put("numberOfObjects", new JsonArray().add(atStart[1]).add(atEnd[1]))
                .put("operations", ops)
                .put(level.entityKey(), resource);
    }

    /** Bytes and objects of the entity's buckets at {@code at}. */
    private long[] storage(UtapiLevel level, String resource, Instant at, Predicate<String> ownerMatches) {
        long bytes = 0;
        long objects = 0;
        for (MeteringLedger.Storage s : ledger.storageAt(at)) {
            boolean counted = level == UtapiLevel.BUCKETS ? resource.equals(s.bucket()) : ownerMatches.test(s.ownerId());
            if (counted) {
                bytes += s.bytes();
                objects += s.objects();
            }
        }
        return new long[] {bytes, objects};
    }

    private static String decodedPath(RequestHead head) {
        String raw = head.rawPath() == null || head.rawPath().isEmpty() ? "/" : head.rawPath();
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
