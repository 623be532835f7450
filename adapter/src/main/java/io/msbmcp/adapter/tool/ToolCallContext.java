package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP layer knows about a tool call, carried to the tool through the SDK's {@link McpTransportContext}: the
 * JSON-RPC id of the request and the MCP session (absent for session-less calls). Used for the per-call log event.
 *
 * @param requestId the JSON-RPC id, as a string
 * @param mcpSessionId the {@code Mcp-Session-Id}, or null
 */
public record ToolCallContext(
        @Nullable String requestId, @Nullable String mcpSessionId) {
    /** The transport-context key of the JSON-RPC id. */
    public static final String REQUEST_ID = "msb.request_id";

    /** The transport-context key of the MCP session id. */
    public static final String MCP_SESSION_ID = "msb.mcp_session_id";

    static ToolCallContext from(@Nullable McpTransportContext context, @Nullable String sessionFromExchange) {
        if (context == null) {
            return new ToolCallContext(null, sessionFromExchange);
        }
        Object requestId = context.get(REQUEST_ID);
        Object mcpSession = context.get(MCP_SESSION_ID);
        return new ToolCallContext(
                requestId == null ? null : requestId.toString(),
                mcpSession != null ? mcpSession.toString() : sessionFromExchange);
    }
}
