package dev.stowage.http;

import dev.stowage.s3.S3Request;
import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bridges a Vert.x request body (pushed on the event loop) to a blocking InputStream read on a virtual thread,
 * with backpressure: the connection is paused while more than {@link #HIGH_WATER} bytes wait unread, so
 * memory stays flat however large the body.
 */
final class RequestBodyStream extends InputStream implements S3Request.RequestBody {
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 256 << 10;
    private static final long IDLE_TIMEOUT_SECONDS = 120;

    private final HttpServerRequest request;
    private final Context context;
    private final boolean expectsContinue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private boolean paused = true;
    private boolean started;
    private boolean continueSent;
    private Throwable failure;
    private Buffer current;
    private int position;
    private long consumedBytes;

    /** Call on the event loop: pauses the request and takes over its body events. */
    RequestBodyStream(HttpServerRequest request, Context context, boolean expectsContinue) {
        this.request = request;
        this.context = context;
        this.expectsContinue = expectsContinue;
        request.pause();
        request.handler(this::onData);
        request.endHandler(v -> onEnd());
        request.exceptionHandler(this::onFailure);
        if (request.isEnded()) {
            ended = true;
        }
    }

    private void onData(Buffer buffer) {
        lock.lock();
        try {
            queue.add(buffer);
            queuedBytes += buffer.length();
            if (queuedBytes > HIGH_WATER && !paused) {
                paused = true;
                request.pause();
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onEnd() {
        lock.lock();
        try {
            ended = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onFailure(Throwable t) {
        lock.lock();
        try {
            failure = t;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InputStream stream() {
        return this;
    }

    @Override
    public void beforeRead() {
        lock.lock();
        try {
            if (started) {
                return;
            }
            started = true;
            if (expectsContinue && !ended) {
                continueSent = true;
                context.runOnContext(v -> request.response().writeContinue());
            }
            resumeLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean consumed() {
        return started;
    }

    /** Whether the whole body has arrived (the connection can serve the next request). */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the client waits for a 100 Continue that was never sent (it will not send its body). */
    boolean continueWithheld() {
        return expectsContinue && !continueSent;
    }

    /** After the response: discards whatever body remains so the connection can be reused. */
    void discardRest() {
        context.runOnContext(v -> {
            if (!request.isEnded()) {
                request.handler(b -> {});
                request.resume();
            }
        });
    }

    private void resumeLocked() {
        if (paused && !ended) {
            paused = false;
            context.runOnContext(v -> request.resume());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!started) {
            beforeRead();
        }
        if (current == null || position >= current.length()) {
            if (!nextBuffer()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - position);
        current.getBytes(position, position + n, dst, off);
        position += n;
        consumedBytes += n;
        return n;
    }

    private boolean nextBuffer() throws IOException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (failure != null) {
                    // The client went away or broke the framing mid-body: nothing will be stored.
                    throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY, "The request body ended early: " + failure.getMessage(), failure);
                }
                if (ended) {
                    return false;
                }
                resumeLocked();
                if (!available.await(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS) && queue.isEmpty() && !ended) {
                    throw new S3Exception(S3ErrorCode.REQUEST_TIMEOUT);
                }
            }
            current = queue.poll();
            position = 0;
            queuedBytes -= current.length();
            if (queuedBytes < LOW_WATER) {
                resumeLocked();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        } finally {
            lock.unlock();
        }
    }

    long consumedBytes() {
        return consumedBytes;
    }
}
