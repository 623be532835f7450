package io.msbmcp.adapter.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Reads the whole body of a request before anything behind it runs, without holding a thread while the client is slow:
 * the body is collected in Jetty's demand callbacks, which run only when bytes arrive, and the request is passed on
 * once the body is complete. A body that is not complete within the deadline ({@code MCP_REQUEST_BODY_TIMEOUT}) is answered with 408 (a
 * JSON-RPC envelope) and the connection is closed, so slow or stalled bodies cost a connection and a buffer each, never
 * one of the request threads. Bodies declared longer than the limit are passed on as they are (the servlet answers
 * 413); a chunked body that grows past it is answered with 413 here, once the rest of it is read and dropped (up to
 * {@link #DRAIN_LIMIT} bytes), so a client still sending reads the answer instead of a reset connection. A {@code
 * Transfer-Encoding} other than {@code chunked} is answered with 501.
 *
 * <p>Most bodies arrive with their headers: then the body is taken as it is, without arming the deadline (scheduling
 * and cancelling a timer per request would wake the scheduler's thread on every call). The servlet behind reads the
 * bytes from the request attribute {@link #BODY_ATTRIBUTE} instead of copying them from the input stream again.
 */
public final class BodyBufferingHandler extends Handler.Wrapper {
    /** The request attribute holding the complete body ({@code byte[]}) of a request this handler buffered. */
    public static final String BODY_ATTRIBUTE = "io.msbmcp.body";
    /**
     * How much of an oversized body is read and dropped before answering 413; past that the answer is sent at once and
     * the connection closed.
     */
    public static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final int maxBytes;
    private final Duration deadline;

    BodyBufferingHandler(Handler handler, int maxBytes, Duration deadline) {
        super(handler);
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String codings = request.getHeaders().get(HttpHeader.TRANSFER_ENCODING);
        if (codings != null && !codings.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.NOT_IMPLEMENTED_501,
                    "Not Implemented: Transfer-Encoding '" + codings.strip() + "'; send the body plain or chunked");
            return true;
        }
        long length = request.getLength();
        boolean hasBody = length > 0 || (length < 0 && codings != null);
        if (!HttpMethod.POST.is(request.getMethod()) || !hasBody || length > maxBytes) {
            return super.handle(request, response, callback);
        }
        new BodyReader(request, response, callback).start();
        return true;
    }

    /** Collects one body and then hands the request on, or answers 408 or 413. */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean finished = new AtomicBoolean();
        private @Nullable ByteArrayOutputStream body;
        private byte @Nullable [] whole;
        /** Bytes dropped since the body went past the limit, or -1 while it is within. */
        private volatile long dropped = -1;

        private volatile Scheduler.@Nullable Task timeout;

        BodyReader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            run();
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (timeout == null) {
                        // the body is still on its way: from now on it has until the deadline
                        timeout = request.getComponents()
                                .getScheduler()
                                .schedule(this::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (finish()) {
                        Response.writeError(request, response, callback, chunk.getFailure());
                    }
                    return;
                }
                boolean last = chunk.isLast();
                if (dropped >= 0) {
                    dropped += chunk.remaining();
                    chunk.release();
                    if (last || dropped > DRAIN_LIMIT) {
                        tooLarge(!last);
                        return;
                    }
                    continue;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                chunk.release();
                int size = append(bytes);
                if (size > maxBytes) {
                    body = null; // from here on the body is read and dropped
                    whole = null;
                    dropped = 0;
                    if (last) {
                        tooLarge(false);
                        return;
                    }
                    continue;
                }
                if (last) {
                    if (finish()) {
                        dispatch();
                    }
                    return;
                }
            }
        }

        /** Answers 413; {@code close} when the rest of the body was not read. */
        private void tooLarge(boolean close) {
            if (!finish()) {
                return;
            }
            if (close) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "Request body exceeds the limit of " + maxBytes + " bytes (MCP_MAX_REQUEST_BYTES)");
        }

        /** Adds a chunk's bytes; returns the size so far. A body that comes as one chunk is never copied again. */
        private int append(byte[] bytes) {
            if (body == null && whole == null) {
                whole = bytes;
                return bytes.length;
            }
            if (body == null) {
                body = new ByteArrayOutputStream(Math.max(256, whole.length * 2));
                body.write(whole, 0, whole.length);
                whole = null;
            }
            body.write(bytes, 0, bytes.length);
            return body.size();
        }

        private byte[] bytes() {
            if (whole != null) {
                return whole;
            }
            return body == null ? new byte[0] : body.toByteArray();
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            Scheduler.Task task = timeout;
            if (task != null) {
                task.cancel();
            }
            return true;
        }

        private void expire() {
            if (dropped >= 0) {
                tooLarge(true); // the answer is 413 whether or not the rest came in time
                return;
            }
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.REQUEST_TIMEOUT_408,
                    "Request Timeout: the request body did not arrive within " + deadline.toSeconds() + " s");
        }

        private void dispatch() {
            Request buffered = new BufferedRequest(request, bytes());
            try {
                if (!BodyBufferingHandler.super.handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(buffered, response, callback, failure);
            }
        }
    }

    /**
     * The request with its body already read: one last chunk, then end of content. The body is also its attribute
     * {@link #BODY_ATTRIBUTE}, answered here rather than stored: storing one attribute makes a request's attribute map.
     */
    private static final class BufferedRequest extends Request.Wrapper {
        private final byte[] body;
        private Content.Chunk next;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.body = body;
            this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return BODY_ATTRIBUTE.equals(name) ? body : super.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNameSet() {
            Set<String> names = new HashSet<>(super.getAttributeNameSet());
            names.add(BODY_ATTRIBUTE);
            return names;
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public void fail(Throwable failure) {
            super.fail(failure);
        }
    }
}
