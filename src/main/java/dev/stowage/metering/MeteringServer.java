package dev.stowage.metering;

import dev.stowage.config.StowageConfig;
import dev.stowage.http.RequestHead;
import dev.stowage.http.RequestHeadParser;
import dev.stowage.http.RequestIds;
import dev.stowage.metering.cloudstack.CloudStackApi;
import dev.stowage.metering.cloudstack.CloudStackSignature.Param;
import dev.stowage.metering.utapi.ListMetricsHandler;
import dev.stowage.metering.utapi.UtapiError;
import dev.stowage.s3.error.S3Exception;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The metering endpoint: a second HTTP server on its own port (by default the S3 port + 100, UTAPI's convention)
 * that serves UTAPI ListMetrics ({@code POST /buckets?Action=ListMetrics}, {@code /accounts}, {@code /users},
 * {@code /service}) and the CloudStack-style usage API ({@code /client/api}). Kept off the S3 port so that neither
 * dialect takes a bucket name or object key from S3 clients. Bodies are read whole (at most
 * {@value #MAX_BODY} bytes); each request then runs on a virtual thread.
 */
@ApplicationScoped
public class MeteringServer {
    private static final Logger LOG = Logger.getLogger(MeteringServer.class);
    static final int MAX_BODY = 1 << 20;
    /** Where the CloudStack API lives, as CloudStack's management server serves it. */
    public static final String CLOUDSTACK_PATH = "/client/api";

    private final Vertx vertx;
    private final StowageConfig config;
    private final ListMetricsHandler utapi;
    private final CloudStackApi cloudstack;
    private final RequestHeadParser heads = new RequestHeadParser(List.of());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final RequestIds requestIds = new RequestIds();
    private volatile HttpServer server;

    public MeteringServer(Vertx vertx, StowageConfig config, ListMetricsHandler utapi, CloudStackApi cloudstack) {
        this.vertx = vertx;
        this.config = config;
        this.utapi = utapi;
        this.cloudstack = cloudstack;
    }

    void start(@Observes StartupEvent event) throws Exception {
        StowageConfig.Metering m = config.metering();
        if (!m.enabled()) {
            return;
        }
        var quarkus = ConfigProvider.getConfig();
        int port = m.port().orElseGet(() -> quarkus.getOptionalValue("quarkus.http.port", Integer.class).orElse(9000) + 100);
        String host = m.host().orElseGet(() -> quarkus.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0"));
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(("The metering endpoint cannot listen on %s:%d (%s). Set "
                    + "stowage.metering.port (STOWAGE_METERING_PORT) to a free port, 0 for any, or "
                    + "stowage.metering.enabled=false").formatted(host, port, cause.getMessage()), cause);
        }
        LOG.infof("metering endpoint (UTAPI, CloudStack usage API at %s) listening on %s:%d", CLOUDSTACK_PATH, host,
                server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        HttpServer s = server;
        if (s != null) {
            s.close();
        }
        workers.shutdown();
    }

    /** The port the endpoint listens on; -1 when it is not running. */
    public int port() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }

    private void handle(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null && length.length() > 9 || length != null && parse(length) > MAX_BODY) {
            send(request, ListMetricsError.tooLarge());
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
                request.connection().close();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> workers.execute(() -> send(request, serve(request, body.getBytes()))));
    }

    private MeteringResponse serve(HttpServerRequest request, byte[] body) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        try {
            if (path.equals(CLOUDSTACK_PATH) || path.equals(CLOUDSTACK_PATH + "/")) {
                List<Param> params = formParams(q < 0 ? "" : uri.substring(q + 1));
                String type = request.getHeader("Content-Type");
                if (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                    params.addAll(formParams(new String(body, StandardCharsets.UTF_8)));
                }
                return cloudstack.handle(params);
            }
            MultiMap headers = request.headers();
            if (headers.get("Host") == null && request.authority() != null) {
                // HTTP/2 carries the host as :authority; SigV4 signs it as host
                headers = MultiMap.caseInsensitiveMultiMap().addAll(headers).add("Host", request.authority().toString());
            }
            RequestHead head = heads.parse(request.method().name(), uri, headers, requestIds.next());
            return utapi.handle(head, body);
        } catch (S3Exception | IllegalArgumentException e) {
            return ListMetricsError.malformed();
        } catch (RuntimeException e) {
            LOG.errorf(e, "metering request %s %s failed", request.method(), path);
            return ListMetricsError.internal();
        }
    }

    private void send(HttpServerRequest request, MeteringResponse answer) {
        Runnable write = () -> {
            HttpServerResponse response = request.response();
            if (response.ended() || response.closed()) {
                return;
            }
            response.setStatusCode(answer.status());
            response.putHeader("Content-Type", answer.contentType());
            response.putHeader("x-amz-request-id", requestIds.next());
            response.end(Buffer.buffer(answer.body()));
        };
        if (Vertx.currentContext() != null) {
            write.run();
        } else {
            vertx.runOnContext(v -> write.run());
        }
    }

    /** Form-encoded parameters ({@code +} is a space), decoded. */
    static List<Param> formParams(String raw) {
        List<Param> params = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.add(new Param(name, value));
        }
        return params;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }


    /** Refusals before either dialect's handler runs, in UTAPI's JSON error shape. */
    private static final class ListMetricsError {
        static MeteringResponse tooLarge() {
            return ListMetricsHandler.error(UtapiError.VALIDATION_ERROR, "The request body is larger than "
                    + MAX_BODY + " bytes.");
        }

        static MeteringResponse malformed() {
            return ListMetricsHandler.error(UtapiError.MALFORMED_QUERY_STRING,
                    UtapiError.MALFORMED_QUERY_STRING.description());
        }

        static MeteringResponse internal() {
            return ListMetricsHandler.error(UtapiError.INTERNAL_ERROR, UtapiError.INTERNAL_ERROR.description());
        }
    }
}
