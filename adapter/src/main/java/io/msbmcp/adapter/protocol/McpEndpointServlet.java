package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.server.BodyBufferingHandler;
import io.msbmcp.adapter.server.EndpointSecurity;
import io.msbmcp.adapter.server.JsonRpcErrors;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.ProgressListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /mcp}, HTTP in and out. In order: Host and Origin (421, 403), the bearer token (401) and the caller's
 * principal; the HTTP method (GET 405, DELETE ends an MCP session, OPTIONS 204); Content-Type (415) and size (413);
 * strict parsing ({@link JsonRpcParser}, 400); the era ({@link EraClassifier}); the checks of that era ({@link
 * ModernRequestValidator}, or the 2025 {@code MCP-Protocol-Version} and {@code Mcp-Session-Id} checks against {@link
 * LegacySessions}); then {@link McpDispatcher}. The answer is {@code application/json}, or {@code text/event-stream}
 * when the request is in an MCP session and accepts it, or when a {@code tools/call} asks for progress and accepts it
 * ({@link SseResponse}, {@link ProgressReporter}). Notifications and responses a client sends get 202.
 *
 * <p>Cancellation: a 2025 {@code notifications/cancelled} fires the named request's {@link Cancellation} in that MCP
 * session; a client that closes an SSE answer is noticed by the next keep-alive and fires it too. After a cancel,
 * nothing more is sent for that request.
 */
public final class McpEndpointServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger logger = LoggerFactory.getLogger(McpEndpointServlet.class);

    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String EVENT_STREAM = "text/event-stream";
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    static final String ALLOW = "POST, DELETE, OPTIONS";
    /** How often an SSE answer that carries progress gets a keep-alive (and so how soon a closed one is noticed). */
    static final Duration KEEP_ALIVE = Duration.ofMillis(250);
    /** How long a plain-JSON tool call runs before its answer is committed and kept alive with spaces. */
    static final Duration JSON_GRACE = Duration.ofMillis(500);

    private final transient EndpointSecurity security;
    private final transient McpDispatcher dispatcher;
    private final transient ModernRequestValidator validator;
    private final transient LegacySessions sessions;
    private final transient ObjectMapper mapper;
    private final transient ScheduledExecutorService ticker;
    private final transient Executor cancelExecutor;
    private final transient LongSupplier nanoTime;
    private final int maxRequestBytes;
    private final Duration progressInterval;
    /**
     * The plain-JSON tool calls under way, each with the {@code nanoTime} from which it is kept alive. One ticker task
     * serves them all: scheduling and cancelling a task per call would wake the scheduler's thread on every call.
     */
    private final transient Map<JsonResponse, Long> waiting = new ConcurrentHashMap<>();

    McpEndpointServlet(
            EndpointSecurity security,
            McpDispatcher dispatcher,
            ModernRequestValidator validator,
            LegacySessions sessions,
            ObjectMapper mapper,
            ScheduledExecutorService ticker,
            Executor cancelExecutor,
            LongSupplier nanoTime,
            int maxRequestBytes,
            Duration progressInterval) {
        this.security = security;
        this.dispatcher = dispatcher;
        this.validator = validator;
        this.sessions = sessions;
        this.mapper = mapper;
        this.ticker = ticker;
        this.cancelExecutor = cancelExecutor;
        this.nanoTime = nanoTime;
        this.maxRequestBytes = maxRequestBytes;
        this.progressInterval = progressInterval;
        ticker.scheduleAtFixedRate(
                this::keepWaitingAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes a keep-alive space to every plain-JSON tool call that has run longer than {@link #JSON_GRACE}. */
    private void keepWaitingAlive() {
        if (waiting.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        waiting.forEach((json, from) -> {
            if (now - from >= 0) {
                try {
                    json.keepAlive();
                } catch (RuntimeException e) {
                    logger.warn("Keep-alive of a tool call failed: {}", e.toString()); // the next tick serves the rest
                }
            }
        });
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EndpointSecurity.Rejection rejection =
                security.checkHostAndOrigin(request.getHeader("Host"), request.getHeader("Origin"));
        String method = request.getMethod();
        String authorization = request.getHeader("Authorization");
        if (rejection == null && !"OPTIONS".equals(method)) {
            rejection = security.checkAuthorization(authorization);
            if (rejection != null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"msb-mcp\"");
            }
        }
        if (rejection != null) {
            JsonRpcErrors.write(
                    response, rejection.status(), null, JsonRpcErrors.codeFor(rejection.status()), rejection.message());
            return;
        }
        String principal = security.principal(authorization);
        switch (method) {
            case "POST" -> post(request, response, principal);
            case "DELETE" -> delete(request, response, principal);
            case "OPTIONS" -> {
                response.setHeader("Allow", ALLOW);
                response.setStatus(204);
            }
            default -> {
                response.setHeader("Allow", ALLOW);
                JsonRpcErrors.write(
                        response,
                        405,
                        null,
                        JsonRpcCodes.INVALID_REQUEST,
                        "Method Not Allowed: " + method + " /mcp; POST JSON-RPC messages here (this server offers"
                                + " no SSE stream on GET)");
            }
        }
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, String principal) throws IOException {
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId == null || sessionId.isBlank()) {
            if (EraClassifier.isModernVersion(request.getHeader(PROTOCOL_VERSION_HEADER))) {
                response.setHeader("Allow", ALLOW);
                JsonRpcErrors.write(
                        response,
                        405,
                        null,
                        JsonRpcCodes.INVALID_REQUEST,
                        "Method Not Allowed: 2026-07-28 has no sessions to DELETE");
                return;
            }
            JsonRpcErrors.write(
                    response,
                    400,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: DELETE needs the Mcp-Session-Id header of the session to end");
            return;
        }
        if (!sessions.end(sessionId.strip(), principal)) {
            sessionNotFound(response, null, sessionId);
            return;
        }
        response.setStatus(200);
    }

    private void post(HttpServletRequest request, HttpServletResponse response, String principal) throws IOException {
        if (!isJson(request.getContentType())) {
            JsonRpcErrors.write(
                    response,
                    415,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Unsupported Media Type: Content-Type must be application/json");
            return;
        }
        byte[] body = request.getAttribute(BodyBufferingHandler.BODY_ATTRIBUTE) instanceof byte[] buffered
                        && buffered.length <= maxRequestBytes
                ? buffered
                : request.getContentLengthLong() > maxRequestBytes
                        ? null
                        : readAtMost(request.getInputStream(), maxRequestBytes, request.getContentLengthLong());
        if (body == null) {
            if (!drained(request.getInputStream())) {
                response.setHeader("Connection", "close");
            }
            JsonRpcErrors.write(
                    response,
                    413,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Request body exceeds the limit of " + maxRequestBytes + " bytes (MCP_MAX_REQUEST_BYTES)");
            return;
        }
        JsonRpcMessage message = null;
        try {
            message = JsonRpcParser.parse(body);
            ProtocolEra era = EraClassifier.classify(message, request.getHeader(PROTOCOL_VERSION_HEADER));
            if (era == ProtocolEra.MODERN) {
                modern(message, request, response, principal);
            } else {
                legacy(message, request, response, principal);
            }
        } catch (ProtocolException e) {
            writeError(response, message != null && e.id() == null ? e.withId(message.id()) : e);
        }
    }

    private void modern(
            JsonRpcMessage message, HttpServletRequest request, HttpServletResponse response, String principal)
            throws IOException {
        if (message.kind() == JsonRpcMessage.Kind.RESPONSE) {
            response.setStatus(202); // nothing of ours awaits a client response in this era
            return;
        }
        validator.validate(message, request::getHeader);
        if (message.kind() == JsonRpcMessage.Kind.NOTIFICATION) {
            response.setStatus(202);
            return;
        }
        answer(message, ProtocolEra.MODERN, null, request, response, principal);
    }

    private void legacy(
            JsonRpcMessage message, HttpServletRequest request, HttpServletResponse response, String principal)
            throws IOException {
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        if (version != null && !ProtocolEra.LEGACY_VERSIONS.contains(version.strip())) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: unsupported MCP-Protocol-Version '" + abbreviate(version) + "'; supported: "
                            + String.join(", ", ProtocolEra.LEGACY_VERSIONS) + " (after initialize) and "
                            + ProtocolEra.MODERN_VERSION + " (with params._meta)",
                    message.id());
        }
        if (message.kind() == JsonRpcMessage.Kind.RESPONSE) {
            response.setStatus(202); // this server sends no requests, so no response is awaited: ignored
            return;
        }
        String sessionHeader = request.getHeader(SESSION_HEADER);
        LegacySessions.Session session = null;
        if (sessionHeader != null && !sessionHeader.isBlank()) {
            Optional<LegacySessions.Session> found = sessions.use(sessionHeader.strip(), principal);
            if (found.isEmpty()) {
                sessionNotFound(response, message.id(), sessionHeader);
                return;
            }
            session = found.get();
        }
        if (message.kind() == JsonRpcMessage.Kind.NOTIFICATION) {
            if ("notifications/cancelled".equals(message.method()) && session != null) {
                cancelled(message, session);
            }
            response.setStatus(202);
            return;
        }
        if ("initialize".equals(message.method())) {
            String negotiated = dispatcher.negotiate(message);
            LegacySessions.Session created = sessions.create(principal, negotiated);
            response.setHeader(SESSION_HEADER, created.id());
            writeJson(response, 200, result(message.id(), dispatcher.initializeResult(negotiated)));
            return;
        }
        answer(message, ProtocolEra.LEGACY, session, request, response, principal);
    }

    private void cancelled(JsonRpcMessage message, LegacySessions.Session session) {
        ObjectNode params = message.params();
        JsonNode requestId = params == null ? null : params.get("requestId");
        if (requestId == null || !(requestId.isTextual() || requestId.isIntegralNumber())) {
            return; // a notification gets no answer; a malformed cancel has nothing to cancel
        }
        String reason = message.paramString("reason");
        boolean fired = session.cancel(
                requestId.asText(), "cancelled by the client" + (reason == null ? "" : ": " + abbreviate(reason)));
        logger.debug("notifications/cancelled for request {} (running: {})", requestId.asText(), fired);
    }

    /** Dispatches a request and writes its answer as JSON or SSE. */
    private void answer(
            JsonRpcMessage message,
            ProtocolEra era,
            LegacySessions.@Nullable Session session,
            HttpServletRequest request,
            HttpServletResponse response,
            String principal)
            throws IOException {
        boolean acceptsSse = acceptsEventStream(request.getHeader("Accept"));
        JsonNode token = message.progressToken();
        boolean toolCall = "tools/call".equals(message.method());
        boolean waits = toolCall || "tasks/result".equals(message.method());
        Cancellation cancellation = new Cancellation();
        if (toolCall) {
            cancellation.onCancel(() -> logger.info(
                    "Request {} ({}) cancelled: {}", message.idText(), message.method(), cancellation.reason()));
        }
        String sessionId = session == null ? null : session.id();
        if (toolCall) {
            try {
                dispatcher.checkToolCall(message);
            } catch (ProtocolException e) {
                if (e.httpStatus() != 200) {
                    throw e; // params of the wrong shape: 400 now, before anything is committed
                } // an unknown tool is answered like any tool error, in the request's own channel
            }
        }
        try (LegacySessions.Running running =
                session == null ? () -> {} : session.start(String.valueOf(message.idText()), cancellation)) {
            boolean logs =
                    toolCall && acceptsSse && (era == ProtocolEra.LEGACY ? session != null : hasLogLevel(message));
            if (toolCall && acceptsSse && (token != null || logs)) {
                answerWithProgress(message, era, sessionId, token, logs, response, principal, cancellation);
                return;
            }
            boolean sse = session != null && acceptsSse;
            JsonResponse json = new JsonResponse(response, () -> fire(cancellation, "the client disconnected"));
            boolean keptAlive = waits && !sse;
            if (keptAlive) {
                waiting.put(json, nanoTime.getAsLong() + JSON_GRACE.toNanos());
            }
            CallContext context = new CallContext(principal, cancellation, ProgressListener.NONE);
            ObjectNode envelope;
            try {
                envelope = result(
                        message.id(), dispatcher.dispatch(new McpDispatcher.Call(era, message, sessionId, context)));
            } catch (ProtocolException e) {
                if (e.httpStatus() != 200 || (!sse && !keptAlive)) {
                    throw e; // answered as an envelope with its own status
                }
                envelope = error(e.id() == null ? e.withId(message.id()) : e);
            } catch (RuntimeException e) {
                envelope = error(unexpected(e, message));
            } finally {
                if (keptAlive) {
                    waiting.remove(json);
                }
            }
            if (cancellation.isCancelled()) {
                json.finishEmpty(); // the client no longer waits for this answer: nothing more is sent
                return;
            }
            if (sse) {
                new SseResponse(response, mapper, () -> {}).event(envelope);
            } else {
                json.finish(mapper.writeValueAsBytes(envelope));
            }
        }
    }

    private void answerWithProgress(
            JsonRpcMessage message,
            ProtocolEra era,
            @Nullable String sessionId,
            @Nullable JsonNode token,
            boolean logs,
            HttpServletResponse response,
            String principal,
            Cancellation cancellation) {
        SseResponse stream =
                new SseResponse(response, mapper, () -> fire(cancellation, "the client closed the response stream"));
        ProgressReporter reporter = new ProgressReporter(stream, mapper, token, logs, progressInterval, nanoTime);
        Cancellation.Registration muteOnCancel = cancellation.onCancel(() -> {
            reporter.stop();
            stream.mute();
        });
        reporter.start();
        ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(
                reporter::tick, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode envelope;
        try {
            CallContext context = new CallContext(principal, cancellation, reporter);
            envelope =
                    result(message.id(), dispatcher.dispatch(new McpDispatcher.Call(era, message, sessionId, context)));
        } catch (ProtocolException e) {
            envelope = error(e.id() == null ? e.withId(message.id()) : e);
        } catch (RuntimeException e) {
            envelope = error(unexpected(e, message));
        } finally {
            ticks.cancel(false);
            reporter.stop();
            muteOnCancel.close();
        }
        if (!cancellation.isCancelled()) {
            stream.event(envelope);
        }
    }

    /** Whether a 2026-07-28 request names a {@code logLevel}: only then may it receive log messages. */
    private static boolean hasLogLevel(JsonRpcMessage message) {
        ObjectNode meta = message.meta();
        return meta != null && meta.hasNonNull("io.modelcontextprotocol/logLevel");
    }

    /**
     * Fires {@code cancellation} on the cancel executor: its listeners (the wrapper interrupting code) may take a while,
     * and the keep-alive thread that noticed the closed connection must not wait for them.
     */
    private void fire(Cancellation cancellation, String reason) {
        try {
            cancelExecutor.execute(() -> cancellation.cancel(reason));
        } catch (RejectedExecutionException e) {
            cancellation.cancel(reason); // shutting down: fire on this thread
        }
    }

    private ProtocolException unexpected(RuntimeException e, JsonRpcMessage message) {
        var error = ErrorMapper.unexpected(e, "request " + message.method()).getJsonRpcError();
        return new ProtocolException(200, error.code(), error.message(), message.id(), error.data());
    }

    private ObjectNode result(@Nullable Object id, JsonNode result) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("jsonrpc", "2.0");
        envelope.set("id", idNode(id));
        envelope.set("result", result);
        return envelope;
    }

    /** The JSON of a request id (a string or an integer, as {@link JsonRpcParser} admits), or null. */
    private JsonNode idNode(@Nullable Object id) {
        if (id == null) {
            return mapper.getNodeFactory().nullNode();
        }
        if (id instanceof String text) {
            return mapper.getNodeFactory().textNode(text);
        }
        if (id instanceof Integer number) {
            return mapper.getNodeFactory().numberNode(number);
        }
        if (id instanceof Long number) {
            return mapper.getNodeFactory().numberNode(number);
        }
        return mapper.valueToTree(id);
    }

    private ObjectNode error(ProtocolException e) {
        try {
            return (ObjectNode) mapper.readTree(JsonRpcErrors.envelope(e.id(), e.code(), e.getMessage(), e.data()));
        } catch (IOException io) {
            throw new IllegalStateException("an error envelope did not parse", io);
        }
    }

    private void writeError(HttpServletResponse response, ProtocolException e) throws IOException {
        JsonRpcErrors.write(response, e.httpStatus(), e.id(), e.code(), e.getMessage(), e.data());
    }

    private void writeJson(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(JsonRpcErrors.JSON_UTF8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void sessionNotFound(HttpServletResponse response, @Nullable Object id, String sessionId)
            throws IOException {
        JsonRpcErrors.write(
                response,
                404,
                id,
                JsonRpcCodes.INVALID_REQUEST,
                "Session not found: " + abbreviate(sessionId.strip())
                        + " (expired, ended or never created here); send initialize for a new one");
    }

    static boolean acceptsEventStream(@Nullable String accept) {
        if (accept == null) {
            return false;
        }
        // one pass over the media ranges, without splitting (this runs on every request)
        int start = 0;
        int length = accept.length();
        while (start < length) {
            int comma = accept.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int semicolon = accept.indexOf(';', start);
            int typeEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            int from = start;
            while (from < typeEnd && Character.isWhitespace(accept.charAt(from))) {
                from++;
            }
            int to = typeEnd;
            while (to > from && Character.isWhitespace(accept.charAt(to - 1))) {
                to--;
            }
            if (accept.regionMatches(true, from, EVENT_STREAM, 0, EVENT_STREAM.length())
                    && to - from == EVENT_STREAM.length()) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().equalsIgnoreCase("application/json");
    }

    private static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }

    /**
     * Reads and drops what is left of an oversized body, up to {@link BodyBufferingHandler#DRAIN_LIMIT} bytes, so a
     * client still sending it reads the 413 instead of a reset connection (as {@link BodyBufferingHandler} does with a
     * chunked body). False when the body goes on beyond that: the connection is closed.
     */
    private static boolean drained(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > BodyBufferingHandler.DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }

    /** The whole body, or null when it is longer than {@code max} bytes. */
    private static byte @Nullable [] readAtMost(InputStream in, int max, long declaredLength) throws IOException {
        int expected = declaredLength >= 0 ? (int) Math.min(declaredLength, max) : 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 16));
        byte[] buffer = new byte[Math.min(Math.max(expected, 1024), 16 * 1024)];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
