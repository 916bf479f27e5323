package dev.stowage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one signed admin request ({@code /?ostor-...}) to the gateway and returns the parsed JSON answer, or
 * throws a {@link CliException} whose exit status says what went wrong: the gateway's HTTP error (message from
 * {@code X-Amz-Err-Message}, else from the body) or no answer at all.
 *
 * <p>{@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the CLI makes a handful of sequential
 * requests, and HttpClient's start-up (its selector thread and several hundred classes) costs about 0.5 s of CPU,
 * more than the whole rest of a run. Connections are kept alive between requests by the JDK.
 */
final class GatewayClient {
    static final String ERROR_MESSAGE_HEADER = "X-Amz-Err-Message";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final GatewayTarget target;
    private final Clock clock;

    GatewayClient(GatewayTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /**
     * Sends {@code METHOD /?rawQuery} (the query already percent-encoded) without a body, as the seed's
     * {@code s3_curl} does, and returns the parsed JSON answer, or null when it has no body (200 or 204).
     */
    Object send(String method, String rawQuery) {
        String date = SigV2.date(clock.instant());
        int status;
        String errorHeader;
        String body;
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(target.endpoint() + "/?" + rawQuery).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
            connection.setRequestProperty("Date", date);
            connection.setRequestProperty("Authorization", SigV2.authorization(target.accessKey(), target.secretKey(),
                    SigV2.stringToSign(method, date, rawQuery)));
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", OstorS3Admin.NAME);
            status = connection.getResponseCode();
            errorHeader = connection.getHeaderField(ERROR_MESSAGE_HEADER);
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw unreachable(e);
        }
        if (status < 200 || status > 299) {
            throw httpError(status, errorHeader, body);
        }
        if (body.isBlank()) {
            return null;
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitStatus.GATEWAY_ERROR, "the gateway at " + target.endpoint()
                    + " sent an answer that is not JSON (" + e.getMessage() + "); is it a Stowage gateway?");
        }
    }

    private CliException unreachable(IOException e) {
        String why;
        if (e instanceof UnknownHostException) {
            why = "unknown host " + target.endpoint().getHost();
        } else if (e instanceof ConnectException) {
            why = "connection refused";
        } else if (e instanceof SocketTimeoutException) {
            why = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("connect")
                    ? "connection timed out"
                    : "no answer within " + READ_TIMEOUT.toSeconds() + " s";
        } else {
            why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new CliException(ExitStatus.UNREACHABLE, "cannot reach the gateway at " + target.endpoint() + " (" + why + ")");
    }

    /** The one-line message of an HTTP error: the gateway's own words, the status, and a hint where one helps. */
    static CliException httpError(int status, String headerMessage, String body) {
        String message = headerMessage != null && !headerMessage.isBlank() ? headerMessage.strip() : bodyMessage(body);
        StringBuilder line = new StringBuilder();
        line.append(message != null ? message : "the gateway answered HTTP " + status);
        line.append(" (HTTP ").append(status).append(')');
        if (status == 401 || status == 403) {
            line.append("; the access key and secret must be an enabled system user's"
                    + " (--access-key/--secret-key, STOWAGE_ACCESS_KEY/STOWAGE_SECRET_KEY or --credentials-file)");
        }
        return new CliException(ExitStatus.ofHttpStatus(status), line.toString());
    }

    /** The message of an S3 XML error or an ostor JSON error body; null when there is none. */
    private static String bodyMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Matcher xml = XML_MESSAGE.matcher(body);
        if (xml.find() && !xml.group(1).isBlank()) {
            return xml.group(1).strip().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
        }
        try {
            Object json = Json.parse(body);
            if (json instanceof java.util.Map<?, ?> map) {
                for (String name : new String[] {"Message", "message", "ErrorMessage", "error"}) {
                    if (map.get(name) instanceof String s && !s.isBlank()) {
                        return s.strip();
                    }
                }
            }
        } catch (IllegalArgumentException notJson) {
            // neither S3 XML nor JSON: fall back to the status
        }
        return null;
    }
}
