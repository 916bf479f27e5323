package dev.stowage.http;

import dev.stowage.config.StowageConfig;
import dev.stowage.observe.RequestObserver;
import dev.stowage.observe.RequestRecord;
import dev.stowage.observe.RequestTrace;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Pipeline;
import dev.stowage.s3.S3Request;
import dev.stowage.s3.S3Response;
import dev.stowage.s3.error.S3ErrorMapper;
import dev.stowage.s3.error.S3Exception;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The single entry of the S3 surface: a Vert.x route in front of everything, so object keys arrive exactly as
 * sent (no path normalisation). The head is parsed on the event loop; the rest of the request runs on a virtual
 * thread, where blocking filesystem I/O is cheap.
 */
@ApplicationScoped
public class S3Route {
    private static final Logger LOG = Logger.getLogger(S3Route.class);
    /** Paths under /q/ belong to Quarkus (health, metrics): no bucket can be named "q" (names have 3+ chars). */
    private static final String QUARKUS_PATHS = "/q/";
    /**
     * {@code Expect: 100-continue} (Vert.x's automatic answer is off). A signed request gets its 100 at once, on
     * the event loop, as the head arrives: answered later, from the request's virtual thread, about one in four
     * {@code aws s3 sync} runs of six concurrent small uploads left aws-cli's HTTP client unable to parse a
     * following response on the same connection (the exact interleaving was not pinned down), and at once there
     * were 0 failures in 10 such runs. An unsigned request gets its 100 only when its handler starts reading the
     * body: refused before that (an anonymous write into a private bucket), it gets its 403 instead of a 100 and
     * never sends the body, as S3 answers it (ceph/s3-tests {@code test_100_continue}). A refused request's body
     * is otherwise drained (up to 1 MiB) or its connection closed.
     */
    private static final String EXPECT_CONTINUE = "100-continue";
    /** How long shutdown waits for the request threads still running once the HTTP requests have finished. */
    private static final Duration OBSERVERS_DRAIN = Duration.ofSeconds(5);

    private final S3Pipeline pipeline;
    private final RequestHeadParser parser;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final RequestIds requestIds = new RequestIds();
    private final List<RequestObserver> observers;

    public S3Route(S3Pipeline pipeline, StowageConfig config, Instance<RequestObserver> observers) {
        this.pipeline = pipeline;
        this.observers = observers.stream().toList();
        this.parser = new RequestHeadParser(config.domains());
    }

    void install(@Observes Router router) {
        // Vert.x Web refuses some raw paths (bad percent-encoding, "//") while matching routes, before any route
        // runs: those requests reach the failure handler instead, and get the S3 answer (usually InvalidURI).
        router.route().order(Integer.MIN_VALUE).handler(this::handle).failureHandler(rc -> {
            if (rc.statusCode() == 400 && rc.failure() == null && !rc.response().headWritten()) {
                handle(rc);
            } else {
                rc.next();
            }
        });
    }

    /**
     * Runs before every other shutdown observer. By now Quarkus has let the in-flight requests finish (up to
     * {@code quarkus.shutdown.timeout}); their request observers may still be running: they finish first (at most
     * {@link #OBSERVERS_DRAIN}), so what observers count is complete before later shutdown steps (a usage flush) run.
     */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(OBSERVERS_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("Requests still running %d s after shutdown began", OBSERVERS_DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        if (uri.startsWith(QUARKUS_PATHS)) {
            rc.next();
            return;
        }
        long start = System.nanoTime();
        String requestId = requestIds.next();
        RequestHead head;
        try {
            head = parser.parse(request.method().name(), uri, headersWithHost(request), requestId)
                    .withConnection(sourceIp(request), request.isSSL());
        } catch (S3Exception e) {
            RequestHead bare = new RequestHead(request.method().name(), "/", "", java.util.List.of(),
                    java.util.Map.of(), null, null, false, requestId);
            S3Response refusal = S3ErrorMapper.render(e, bare, requestId);
            long sent = ResponseWriter.write(request.response(), refusal, requestId, true);
            completed(new RequestTrace(requestId, request.method().name(), start), refusal, 0, sent);
            return;
        }
        boolean expectsContinue = EXPECT_CONTINUE.equalsIgnoreCase(request.getHeader("Expect"));
        boolean continueLater = expectsContinue && !signed(request, uri);
        if (expectsContinue && !continueLater) {
            request.response().writeContinue();
        }
        RequestBodyStream body = hasBody(request)
                ? new RequestBodyStream(request, Vertx.currentContext(), continueLater)
                : null;
        RequestTrace trace = new RequestTrace(requestId, head.method(), start);
        workers.execute(() -> serve(request, head, body, trace));
    }

    private void serve(HttpServerRequest request, RequestHead head, RequestBodyStream body, RequestTrace trace) {
        S3Response response;
        try {
            response = pipeline.process(head, body == null ? NoBody.INSTANCE : body, trace);
        } catch (Throwable t) {
            response = S3Pipeline.error(t, head);
        }
        boolean unfinishedBody = body != null && !body.ended();
        boolean close = unfinishedBody && (body.continueWithheld() || body.consumed() || contentLength(head) > (1 << 20));
        long sent = ResponseWriter.write(request.response(), response, head.requestId(), close);
        long received = body == null ? 0 : body.consumedBytes();
        if (unfinishedBody && !close) {
            body.discardRest();
        }
        completed(trace, response, received, sent);
    }

    /** Tells every observer of the finished request, once. */
    private void completed(RequestTrace trace, S3Response response, long bytesIn, long bytesOut) {
        if (observers.isEmpty()) {
            return;
        }
        RequestRecord record = trace.finish(response.status(), response.errorCode(), bytesIn, bytesOut,
                System.nanoTime());
        for (RequestObserver observer : observers) {
            try {
                observer.completed(record);
            } catch (RuntimeException e) {
                LOG.warnf(e, "request observer %s failed", observer.getClass().getName());
            }
        }
    }

    /**
     * The request's headers; an HTTP/2 request (h2c, as Java's HttpClient upgrades to) names its host in the
     * {@code :authority} pseudo-header, which is signed as {@code host}: it is added as Host.
     */
    private static io.vertx.core.MultiMap headersWithHost(HttpServerRequest request) {
        io.vertx.core.MultiMap headers = request.headers();
        if (headers.contains("Host") || request.authority() == null) {
            return headers;
        }
        io.vertx.core.MultiMap copy = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(headers);
        return copy.set("Host", request.authority().toString());
    }

    /** The client's address as the connection (or a trusted proxy header, when Quarkus is told to use them) gives it. */
    private static String sourceIp(HttpServerRequest request) {
        var address = request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }

    /** Whether the request carries a signature (header or presigned query); checked properly later. */
    private static boolean signed(HttpServerRequest request, String uri) {
        return request.getHeader("Authorization") != null || uri.contains("Signature=");
    }

    private static boolean hasBody(HttpServerRequest request) {
        String te = request.getHeader("Transfer-Encoding");
        if (te != null) {
            return true;
        }
        String cl = request.getHeader("Content-Length");
        return cl != null && !cl.equals("0");
    }

    private static long contentLength(RequestHead head) {
        String cl = head.header(S3Headers.CONTENT_LENGTH);
        if (cl == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }


    /** The body of a request that has none. */
    private enum NoBody implements S3Request.RequestBody {
        INSTANCE;

        @Override
        public InputStream stream() {
            return InputStream.nullInputStream();
        }

        @Override
        public void beforeRead() {}

        @Override
        public boolean consumed() {
            return false;
        }
    }
}
