package dev.stowage.http;

import dev.stowage.limits.BodyThrottle;
import dev.stowage.s3.S3Headers;
import dev.stowage.s3.S3Response;
import dev.stowage.store.ObjectReader;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Puts an {@link S3Response} on the wire: status, headers (plus the request id every S3 response carries) and
 * the body. Object bodies stream in bounded chunks with backpressure, so a slow reader never makes the gateway
 * buffer a whole object. A response with a {@link BodyThrottle} (a bandwidth:out limit applies) is sent in the
 * throttle's small chunks, each one waited for on this virtual thread; without one nothing else happens.
 */
final class ResponseWriter {
    private static final Logger LOG = Logger.getLogger(ResponseWriter.class);
    private static final int SMALL_BODY = 128 << 10;
    private static final int CHUNK = 256 << 10;
    private static final long DRAIN_TIMEOUT_SECONDS = 300;
    // the headers every response carries, pre-encoded: Vert.x copies an AsciiString's bytes instead of char by char
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(S3Headers.X_AMZ_REQUEST_ID_OUT);
    private static final CharSequence ID_2 = HttpHeaders.createOptimized(S3Headers.X_AMZ_ID_2_OUT);
    private static final CharSequence DATE = HttpHeaders.createOptimized("Date");
    private static final CharSequence SERVER = HttpHeaders.createOptimized("Server");
    private static final CharSequence SERVER_NAME = HttpHeaders.createOptimized("Stowage");

    private ResponseWriter() {}

    /** Writes the response; returns the number of body bytes sent. Runs on a worker (virtual) thread. */
    static long write(HttpServerResponse out, S3Response response, String requestId, boolean closeConnection) {
        out.setStatusCode(response.status());
        var headers = out.headers();
        headers.set(REQUEST_ID, requestId);
        headers.set(ID_2, requestId);
        headers.set(DATE, HttpClock.now());
        headers.set(SERVER, SERVER_NAME);
        for (Map.Entry<String, String> h : response.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        if (closeConnection) {
            headers.set("Connection", "close");
        }
        return switch (response.body()) {
            case S3Response.Empty empty -> {
                if (empty.contentLength() >= 0) {
                    headers.set(S3Headers.CONTENT_LENGTH_OUT, Long.toString(empty.contentLength()));
                }
                finish(out.end(), out, closeConnection);
                yield 0;
            }
            case S3Response.Bytes bytes -> {
                headers.set(S3Headers.CONTENT_TYPE_OUT, bytes.contentType());
                if (response.throttle() != null) {
                    yield pacedBytes(out, bytes.data(), response.throttle(), closeConnection);
                }
                finish(out.end(Buffer.buffer(Unpooled.wrappedBuffer(bytes.data()))), out, closeConnection);
                yield bytes.data().length;
            }
            case S3Response.ObjectContent content -> streamObject(out, content, response.throttle(), closeConnection);
        };
    }

    /** A rendered body (a listing) sent in the throttle's chunks, at its pace. */
    private static long pacedBytes(HttpServerResponse out, byte[] data, BodyThrottle throttle, boolean closeConnection) {
        long sent = 0;
        try {
            out.headers().set(S3Headers.CONTENT_LENGTH_OUT, Integer.toString(data.length));
            DrainWaiter drain = new DrainWaiter(out);
            while (sent < data.length) {
                if (out.closed()) {
                    return sent;
                }
                int n = (int) Math.min(throttle.chunkSize(), data.length - sent);
                pace(throttle, n);
                out.write(Buffer.buffer(Unpooled.wrappedBuffer(data, (int) sent, n)));
                sent += n;
                drain.awaitIfFull();
            }
            finish(out.end(), out, closeConnection);
            return sent;
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "paced body aborted after %d bytes", sent);
            out.reset();
            return sent;
        }
    }

    private static void pace(BodyThrottle throttle, int bytes) throws IOException {
        try {
            throttle.beforeSending(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pacing", e);
        }
    }

    private static void finish(Future<Void> ended, HttpServerResponse out, boolean closeConnection) {
        if (closeConnection) {
            ended.onComplete(ar -> out.close());
        }
    }

    private static long streamObject(HttpServerResponse out, S3Response.ObjectContent content, BodyThrottle throttle,
            boolean closeConnection) {
        ObjectReader reader = content.reader();
        long sent = 0;
        try (reader) {
            out.headers().set(S3Headers.CONTENT_LENGTH_OUT, Long.toString(content.length()));
            if (throttle == null && content.length() <= SMALL_BODY) {
                byte[] data = readFully(reader, content.offset(), (int) content.length());
                finish(out.end(Buffer.buffer(Unpooled.wrappedBuffer(data))), out, closeConnection);
                return data.length;
            }
            ObjectReader.ObjectFile file = reader.file();
            if (throttle == null && file != null) {
                return sendFile(out, file, content, closeConnection);
            }
            DrainWaiter drain = new DrainWaiter(out);
            int chunkSize = throttle == null ? CHUNK : throttle.chunkSize();
            long position = content.offset();
            long remaining = content.length();
            while (remaining > 0) {
                if (out.closed()) {
                    return sent;
                }
                int n = (int) Math.min(chunkSize, remaining);
                if (throttle != null) {
                    pace(throttle, n);
                }
                byte[] chunk = readFully(reader, position, n);
                out.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
                position += n;
                remaining -= n;
                sent += n;
                drain.awaitIfFull();
            }
            finish(out.end(), out, closeConnection);
            return sent;
        } catch (IOException | RuntimeException e) {
            // Headers are gone already: the only honest signal left is to cut the connection.
            LOG.debugf(e, "object stream aborted after %d bytes", sent);
            out.reset();
            return sent;
        }
    }

    /**
     * Sends the object's bytes straight from its file (sendfile(2) on plain HTTP/1.1: no copy through the heap)
     * and waits until they are written, so the file stays linked meanwhile. A transfer cut off counts nothing.
     */
    private static long sendFile(HttpServerResponse out, ObjectReader.ObjectFile file,
            S3Response.ObjectContent content, boolean closeConnection) {
        Future<Void> sent = out.sendFile(file.path().toString(), file.dataStart() + content.offset(),
                content.length());
        finish(sent, out, closeConnection);
        try {
            // completes when the bytes are written or the connection is gone (idle connections are closed)
            sent.toCompletionStage().toCompletableFuture().get();
            return content.length();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debugf(e, "file body aborted");
        }
        out.reset();
        return 0;
    }

    private static byte[] readFully(ObjectReader reader, long position, int length) throws IOException {
        byte[] data = new byte[length];
        ByteBuffer dst = ByteBuffer.wrap(data);
        while (dst.hasRemaining()) {
            int n = reader.read(dst, position + dst.position());
            if (n < 0) {
                throw new IOException("object ended early: the store returned fewer bytes than its size");
            }
        }
        return data;
    }

    /** Blocks the writing (virtual) thread while the connection's write queue is full. */
    private static final class DrainWaiter {
        private final HttpServerResponse out;
        private volatile CompletableFuture<Void> waiting;

        DrainWaiter(HttpServerResponse out) {
            this.out = out;
            out.drainHandler(v -> release());
            out.closeHandler(v -> release());
        }

        private void release() {
            CompletableFuture<Void> w = waiting;
            if (w != null) {
                w.complete(null);
            }
        }

        void awaitIfFull() throws IOException {
            while (out.writeQueueFull() && !out.closed()) {
                CompletableFuture<Void> w = new CompletableFuture<>();
                waiting = w;
                if (!out.writeQueueFull() || out.closed()) {
                    return;
                }
                try {
                    w.get(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending", e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("client stopped reading", e);
                }
            }
        }
    }
}
