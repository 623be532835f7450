package io.msbmcp.devserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.devserver.rpc.Reply;
import io.msbmcp.devserver.rpc.RpcEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface of the legacy Microsandbox server, status for status: {@code GET /api/v1/health} (no auth), {@code
 * POST /api/v1/rpc} (API key when configured, checked before the method, as the real middleware wraps the route), 405
 * for another method on a known path, an empty 404 anywhere else, and axum's plain-text rejections for the body: 415
 * for a non-JSON content type, 413 over 2 MiB, 400 for malformed JSON.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger logger = LoggerFactory.getLogger(ApiHandler.class);

    static final String HEALTH_PATH = "/api/v1/health";
    static final String RPC_PATH = "/api/v1/rpc";
    /** axum's default body limit for its {@code Json} extractor. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** How much of an oversized body is read and dropped before the 413; past that the connection is closed. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    /** A header on every response telling whether sandboxes are isolated (the health body itself is fixed). */
    public static final String ISOLATION_HEADER = "X-Msb-Dev-Isolation";

    private final RpcEndpoint endpoint;
    private final ObjectMapper reader;
    private final @Nullable ApiKeyCheck apiKey;
    private final String isolationHeader;

    public ApiHandler(RpcEndpoint endpoint, ObjectMapper mapper, @Nullable String apiKey, boolean isolated) {
        this.endpoint = endpoint;
        this.reader = mapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.apiKey = apiKey == null ? null : new ApiKeyCheck(apiKey);
        this.isolationHeader = isolated ? "bubblewrap" : "none; sandbox code runs unconfined on the host";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(ISOLATION_HEADER, isolationHeader);
        Reply reply;
        try {
            reply = route(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Reply.text(503, "The dev server is shutting down");
        } catch (RuntimeException e) {
            logger.error(
                    "Unexpected failure on {} {}",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e);
            reply = new Reply(500, Reply.JSON, "{\"error\":\"Internal server error\",\"code\":5002}");
        }
        send(request, response, callback, reply);
        return true;
    }

    private Reply route(Request request) throws InterruptedException {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (HEALTH_PATH.equals(path)) {
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                return methodNotAllowed("GET,HEAD");
            }
            return new Reply(200, Reply.JSON, "{\"message\":\"Service is healthy\"}");
        }
        if (RPC_PATH.equals(path)) {
            if (apiKey != null && !apiKey.accepts(request.getHeaders())) {
                return new Reply(401, Reply.JSON, "{\"error\":\"Invalid credentials\",\"code\":1001}");
            }
            if (!HttpMethod.POST.is(method)) {
                return methodNotAllowed("POST");
            }
            return rpc(request);
        }
        return new Reply(404, Reply.TEXT, "");
    }

    private Reply rpc(Request request) throws InterruptedException {
        if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            return Reply.text(415, "Expected request with `Content-Type: application/json`");
        }
        // Runs may take as long as their code does: an idle connection must not fail the request meanwhile.
        request.addIdleTimeoutListener(timeout -> false);
        byte[] body;
        try {
            body = readBody(request);
        } catch (IOException e) {
            return Reply.text(400, "Failed to buffer the request body: " + e.getMessage());
        }
        if (body == null) {
            return Reply.text(413, "Failed to buffer the request body: length limit exceeded");
        }
        JsonNode json;
        try {
            json = reader.readTree(body);
        } catch (JsonProcessingException e) {
            return Reply.text(400, "Failed to parse the request body as JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return Reply.text(400, "Failed to parse the request body as JSON: " + e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            return Reply.text(400, "Failed to parse the request body as JSON: EOF while parsing a value");
        }
        return endpoint.handle(json);
    }

    /**
     * The body, or null when it is over {@link #MAX_BODY_BYTES}. The rest of an oversized body is read and dropped (up
     * to {@link #DRAIN_LIMIT} bytes) before the 413: answered unread, the connection is closed while the client still
     * sends, and the client may get a reset instead of the answer.
     */
    private static @Nullable byte[] readBody(Request request) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            if (request.getLength() > MAX_BODY_BYTES) {
                drain(in);
                return null;
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(in);
                return null;
            }
            return body;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long dropped = 0;
        int read;
        while (dropped <= DRAIN_LIMIT && (read = in.read(buffer)) != -1) {
            dropped += read;
        }
    }

    /** {@code application/json} or {@code application/<anything>+json}, parameters allowed, as axum accepts. */
    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
    }

    private static Reply methodNotAllowed(String allowed) {
        return new Reply(405, Reply.TEXT, "").withAllow(allowed);
    }

    private static void send(Request request, Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        if (reply.allow() != null) {
            response.getHeaders().put(HttpHeader.ALLOW, reply.allow());
        }
        if (reply.body().isEmpty() || HttpMethod.HEAD.is(request.getMethod())) {
            if (!reply.body().isEmpty()) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            }
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        Content.Sink.write(response, true, reply.body(), callback);
    }
}
