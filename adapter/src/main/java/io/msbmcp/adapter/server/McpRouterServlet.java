package io.msbmcp.adapter.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.msbmcp.adapter.json.CurrentRequestId;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.adapter.tool.ToolCallContext;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.JsonRpcCodes;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * The one {@code /mcp} endpoint. It checks Host, Origin, the bearer token and the body itself, then routes:
 *
 * <ul>
 *   <li>a POST carrying {@code Mcp-Session-Id}, a POST of {@code initialize}, and DELETE go to the SDK's stateful
 *       transport (sessions, {@code Mcp-Session-Id}, SSE responses, 404 for a stale session), with the body replayed
 *       and Accept set to what that transport demands;
 *   <li>every other POST goes to {@link StatelessJsonTransport} and is answered with {@code application/json} whatever
 *       the Accept header, so plain {@code curl} and the stateless protocol revision work;
 *   <li>GET is 405: the server offers no standalone SSE stream. Such a stream would never end and would hold graceful
 *       shutdown for its whole timeout; clients treat 405 as "no stream" (the spec allows it), and this server sends
 *       nothing outside a response anyway.
 * </ul>
 *
 * <p>Every error this endpoint produces, here or in the SDK, is a JSON-RPC envelope.
 */
final class McpRouterServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String ALLOW = "POST, DELETE, OPTIONS";
    /** How much of an oversized body is read and dropped before answering 413. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private static final String REQUEST_ID_ATTRIBUTE = McpRouterServlet.class.getName() + ".requestId";

    static final String PRINCIPAL_ATTRIBUTE = "io.msbmcp.principal";

    private final transient HttpServletStreamableServerTransportProvider stateful;
    private final transient StatelessJsonTransport stateless;
    private final transient EndpointSecurity security;
    private final transient McpJson json;
    private final int maxRequestBytes;
    private final Set<String> toolNames;

    McpRouterServlet(
            HttpServletStreamableServerTransportProvider stateful,
            StatelessJsonTransport stateless,
            EndpointSecurity security,
            McpJson json,
            int maxRequestBytes,
            Set<String> toolNames) {
        this.stateful = stateful;
        this.stateless = stateless;
        this.security = security;
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
        this.toolNames = Set.copyOf(toolNames);
    }

    /** The transport context the stateful transport's extractor builds from a request this router forwarded. */
    static McpTransportContext transportContext(HttpServletRequest request) {
        return context(
                request.getAttribute(REQUEST_ID_ATTRIBUTE),
                request.getHeader(SESSION_HEADER),
                request.getAttribute(PRINCIPAL_ATTRIBUTE));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        stateful.init(config);
    }

    @Override
    public void destroy() {
        stateful.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EndpointSecurity.Rejection rejection =
                security.checkHostAndOrigin(request.getHeader("Host"), request.getHeader("Origin"));
        String method = request.getMethod();
        if (rejection == null && !"OPTIONS".equals(method)) {
            rejection = security.checkAuthorization(request.getHeader("Authorization"));
            if (rejection != null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"msb-mcp\"");
            }
        }
        if (rejection != null) {
            JsonRpcErrors.write(
                    response, rejection.status(), null, JsonRpcErrors.codeFor(rejection.status()), rejection.message());
            return;
        }
        if (!"OPTIONS".equals(method)) {
            request.setAttribute(PRINCIPAL_ATTRIBUTE, security.principal(request.getHeader("Authorization")));
        }
        switch (method) {
            case "POST" -> post(request, response);
            case "DELETE" -> delete(request, response);
            case "OPTIONS" -> {
                response.setHeader("Allow", ALLOW);
                response.setStatus(HttpStatus.NO_CONTENT_204);
            }
            default -> {
                response.setHeader("Allow", ALLOW);
                JsonRpcErrors.write(
                        response,
                        HttpStatus.METHOD_NOT_ALLOWED_405,
                        null,
                        JsonRpcCodes.INVALID_REQUEST,
                        "Method Not Allowed: " + method + " /mcp; POST JSON-RPC messages here (this server offers"
                                + " no SSE stream on GET)");
            }
        }
    }

    @SuppressWarnings("try") // the scope only sets and clears the thread's request id
    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isJson(request.getContentType())) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Unsupported Media Type: Content-Type must be application/json");
            return;
        }
        byte[] body = request.getContentLengthLong() > maxRequestBytes
                ? null
                : readAtMost(request.getInputStream(), maxRequestBytes);
        if (body == null) {
            if (!drained(request.getInputStream())) {
                response.setHeader("Connection", "close");
            }
            JsonRpcErrors.write(
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Request body exceeds the limit of " + maxRequestBytes + " bytes (MCP_MAX_REQUEST_BYTES)");
            return;
        }
        JsonNode tree;
        try {
            tree = json.objectMapper().readTree(body);
        } catch (JsonProcessingException e) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.BAD_REQUEST_400,
                    null,
                    JsonRpcCodes.PARSE_ERROR,
                    "Parse error: the body is not valid JSON");
            return;
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            String message = tree != null && tree.isArray()
                    ? "Invalid Request: batch requests are not supported; send one JSON-RPC message per request"
                    : "Invalid Request: the body must be one JSON-RPC message object";
            JsonRpcErrors.write(response, HttpStatus.BAD_REQUEST_400, null, JsonRpcCodes.INVALID_REQUEST, message);
            return;
        }
        Object id = idOf(tree.get("id"));
        if (!"2.0".equals(tree.path("jsonrpc").textValue())) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.BAD_REQUEST_400,
                    id,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: \"jsonrpc\" must be \"2.0\"");
            return;
        }
        if (callsUnknownTool(tree)) {
            // the SDK would answer -32602 with a bare string as data; answer with the same data object as every error
            String name = tree.path("params").path("name").asText();
            InvalidArgumentException error = InvalidArgumentException.of(
                    "name", "unknown tool '" + name + "'; the tools are " + String.join(", ", toolNames));
            JsonRpcErrors.write(
                    response, HttpStatus.OK_200, id, error.jsonRpcCode(), "Unknown tool: " + name, error.errorData());
            return;
        }
        String sessionId = request.getHeader(SESSION_HEADER);
        boolean initialize = "initialize".equals(tree.path("method").textValue());
        if (initialize || (sessionId != null && !sessionId.isBlank())) {
            request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
            try (CurrentRequestId.Scope scope = CurrentRequestId.set(id)) {
                stateful.service(
                        new ReplayedRequest(request, body), new ErrorEnvelopeResponse(response, id, sessionId));
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message =
                    McpSchema.deserializeJsonRpcMessage(json.mcpJsonMapper(), new String(body, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.BAD_REQUEST_400,
                    id,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: not a JSON-RPC request, notification or response");
            return;
        }
        stateless.handle(message, context(id, null, request.getAttribute(PRINCIPAL_ATTRIBUTE)), response);
    }

    @SuppressWarnings("try")
    private void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId == null || sessionId.isBlank()) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.BAD_REQUEST_400,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: DELETE needs the Mcp-Session-Id header of the session to end");
            return;
        }
        try (CurrentRequestId.Scope scope = CurrentRequestId.set(null)) {
            stateful.service(new ReplayedRequest(request, null), new ErrorEnvelopeResponse(response, null, sessionId));
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
    }

    private boolean callsUnknownTool(JsonNode tree) {
        if (!"tools/call".equals(tree.path("method").textValue()) || !tree.has("id")) {
            return false;
        }
        JsonNode name = tree.path("params").path("name");
        return name.isTextual() && !toolNames.contains(name.textValue());
    }

    private static McpTransportContext context(
            @Nullable Object requestId, @Nullable String sessionId, @Nullable Object principal) {
        Map<String, Object> values = new HashMap<>();
        if (principal != null) {
            values.put(ToolCallContext.PRINCIPAL, principal);
        }
        if (requestId != null) {
            values.put(ToolCallContext.REQUEST_ID, requestId);
        }
        if (sessionId != null && !sessionId.isBlank()) {
            values.put(ToolCallContext.MCP_SESSION_ID, sessionId);
        }
        return McpTransportContext.create(values);
    }

    private static @Nullable Object idOf(@Nullable JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isTextual()) {
            return id.textValue();
        }
        if (id.isNumber()) {
            return id.numberValue();
        }
        return null;
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().equalsIgnoreCase("application/json");
    }

    /**
     * Reads and drops what is left of an oversized body, up to {@link #DRAIN_LIMIT} bytes, so a client still sending it
     * reads the 413 instead of a reset connection. False when the body goes on beyond that: the connection is closed.
     */
    private static boolean drained(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }

    /** The whole body, or null when it is longer than {@code max} bytes. */
    private static byte @Nullable [] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 16 * 1024));
        byte[] buffer = new byte[16 * 1024];
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
