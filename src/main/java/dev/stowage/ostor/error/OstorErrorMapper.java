package dev.stowage.ostor.error;

import dev.stowage.accounts.AccountException;
import dev.stowage.accounts.InvalidEmailException;
import dev.stowage.accounts.NoSuchAccessKeyException;
import dev.stowage.accounts.NoSuchUserException;
import dev.stowage.accounts.TooManyAccessKeysException;
import dev.stowage.accounts.UserAlreadyExistsException;
import dev.stowage.accounts.UserOwnsBucketsException;
import dev.stowage.http.RequestHead;
import dev.stowage.limits.NoSuchLimitBucketException;
import dev.stowage.ostor.OstorNames;
import dev.stowage.ostor.json.JsonWriter;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3Exception;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one place failures on the ostor surface become responses, as ostor answers them: the HTTP status, the
 * readable message in the {@code X-Amz-Err-Message} header (what the ostor clients print), the code in
 * {@code X-Amz-Err-Code}, and a JSON body {@code {"Code", "Message", "RequestId"}}. Account conditions are
 * translated to their codes; authentication failures keep their S3 code and status (SignatureDoesNotMatch,
 * InvalidAccessKeyId, RequestTimeTooSkewed, ...); anything unexpected is InternalError, logged once.
 */
public final class OstorErrorMapper {
    private static final Logger LOG = Logger.getLogger(OstorErrorMapper.class);

    private OstorErrorMapper() {}

    /** An error as it goes on the wire; {@code extra} are further body fields (e.g. S3's StringToSign). */
    public record WireError(String code, int status, String message, List<Map.Entry<String, String>> extra,
            Map<String, String> headers) {}

    /** Translates any failure into the error the client should see. */
    public static WireError translate(Throwable failure, RequestHead head) {
        return switch (failure) {
            case OstorException e -> of(e.error(), e.getMessage());
            case AccountException e -> translateAccount(e);
            case S3Exception e -> new WireError(e.error().code(), e.error().status(), e.getMessage(),
                    e.extraElements(), e.extraHeaders());
            default -> {
                if (failure.getCause() instanceof OstorException || failure.getCause() instanceof AccountException
                        || failure.getCause() instanceof S3Exception) {
                    yield translate(failure.getCause(), head);
                }
                LOG.errorf(failure, "InternalError for ostor request %s (%s %s?%s)", head.requestId(), head.method(),
                        head.rawPath(), head.rawQuery());
                yield of(OstorError.INTERNAL_ERROR, OstorError.INTERNAL_ERROR.message());
            }
        };
    }

    private static WireError translateAccount(AccountException e) {
        OstorError error = switch (e) {
            case NoSuchUserException x -> OstorError.NO_SUCH_USER;
            case UserAlreadyExistsException x -> OstorError.USER_ALREADY_EXISTS;
            case InvalidEmailException x -> OstorError.INVALID_EMAIL;
            case TooManyAccessKeysException x -> OstorError.TOO_MANY_ACCESS_KEYS;
            case NoSuchAccessKeyException x -> OstorError.NO_SUCH_ACCESS_KEY;
            case UserOwnsBucketsException x -> OstorError.USER_OWNS_BUCKETS;
            case NoSuchLimitBucketException x -> OstorError.NO_SUCH_BUCKET;
            default -> OstorError.INVALID_ARGUMENT;
        };
        return of(error, e.getMessage() == null || e.getMessage().isBlank() ? error.message() : e.getMessage());
    }

    private static WireError of(OstorError error, String message) {
        return new WireError(error.code(), error.status(), message, List.of(), Map.of());
    }

    /** The response for a failure while serving {@code head}: no body for HEAD. */
    public static S3Response render(Throwable failure, RequestHead head) {
        WireError e = translate(failure, head);
        S3Response response = S3Response.status(e.status())
                .header(OstorNames.X_AMZ_ERR_CODE_OUT, e.code())
                .header(OstorNames.X_AMZ_ERR_MESSAGE_OUT, headerSafe(e.message()));
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            response.header(h.getKey(), h.getValue());
        }
        if ("HEAD".equals(head.method())) {
            return response;
        }
        JsonWriter json = new JsonWriter().beginObject()
                .field("Code", e.code())
                .field("Message", e.message());
        for (Map.Entry<String, String> field : e.extra()) {
            json.field(field.getKey(), field.getValue());
        }
        json.field("RequestId", head.requestId()).endObject();
        return response.body(new S3Response.Bytes(json.toBytes(), OstorNames.APPLICATION_JSON));
    }

    /**
     * A message fit for a header value: printable ASCII only (an email in a message may hold anything a client
     * sent, CR and LF included), the rest as {@code ?}.
     */
    static String headerSafe(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
