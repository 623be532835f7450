package io.msbmcp.adapter.server;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.errors.JsonRpcCodes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The session-less half of {@code /mcp}: a {@link McpStatelessServerTransport} driven by the router with a message it
 * has already read and checked. Requests are answered with one {@code application/json} JSON-RPC response whatever the
 * client's {@code Accept} header says (the SDK's own stateless servlet insists on both JSON and SSE in Accept, which
 * plain {@code curl} does not send); notifications get 202.
 */
final class StatelessJsonTransport implements McpStatelessServerTransport {
    private final McpJson json;
    private volatile @Nullable McpStatelessServerHandler handler;
    private volatile boolean closing;

    StatelessJsonTransport(McpJson json) {
        this.json = json;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** Handles one message and writes the HTTP answer. */
    void handle(McpSchema.JSONRPCMessage message, McpTransportContext context, HttpServletResponse response)
            throws IOException {
        McpStatelessServerHandler current = handler;
        Object id = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        if (closing || current == null) {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    id,
                    JsonRpcCodes.INTERNAL_ERROR,
                    "Server is shutting down");
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            McpSchema.JSONRPCResponse answer;
            try {
                answer = current.handleRequest(context, request)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                        .block();
            } catch (RuntimeException e) {
                var error = ErrorMapper.unexpected(e, "stateless request " + request.method());
                answer = McpSchema.JSONRPCResponse.error(request.id(), error.getJsonRpcError());
            }
            byte[] body = json.objectMapper().writeValueAsBytes(answer);
            response.setStatus(HttpStatus.OK_200);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else if (message instanceof McpSchema.JSONRPCNotification notification) {
            try {
                current.handleNotification(context, notification)
                        .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                        .block();
            } catch (RuntimeException e) {
                ErrorMapper.unexpected(e, "stateless notification " + notification.method());
            }
            response.setStatus(HttpStatus.ACCEPTED_202);
        } else {
            JsonRpcErrors.write(
                    response,
                    HttpStatus.BAD_REQUEST_400,
                    null,
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: without an Mcp-Session-Id the server accepts only requests and notifications");
        }
    }
}
