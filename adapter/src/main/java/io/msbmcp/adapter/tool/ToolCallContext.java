package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.common.McpTransportContext;
import io.msbmcp.wrapper.call.CallContext;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP layer knows about a tool call: the JSON-RPC id of the request and the MCP session (absent for
 * session-less calls), used for the per-call log event, and the {@link CallContext} handed to the tool (principal,
 * cancellation, progress).
 *
 * @param requestId the JSON-RPC id, as a string
 * @param mcpSessionId the {@code Mcp-Session-Id}, or null
 * @param call the caller, the call's cancellation signal and its progress listener
 */
public record ToolCallContext(
        @Nullable String requestId, @Nullable String mcpSessionId, CallContext call) {

    /** A context with an unobserved call of the default principal. */
    public ToolCallContext(@Nullable String requestId, @Nullable String mcpSessionId) {
        this(requestId, mcpSessionId, CallContext.unobserved());
    }

    /** The transport-context key of the JSON-RPC id. */
    public static final String REQUEST_ID = "msb.request_id";

    /** The transport-context key of the caller's principal (never a token). */
    public static final String PRINCIPAL = "msb.principal";

    /** The transport-context key of the MCP session id. */
    public static final String MCP_SESSION_ID = "msb.mcp_session_id";

    static ToolCallContext from(@Nullable McpTransportContext context, @Nullable String sessionFromExchange) {
        if (context == null) {
            return new ToolCallContext(null, sessionFromExchange);
        }
        Object requestId = context.get(REQUEST_ID);
        Object mcpSession = context.get(MCP_SESSION_ID);
        Object principal = context.get(PRINCIPAL);
        return new ToolCallContext(
                requestId == null ? null : requestId.toString(),
                mcpSession != null ? mcpSession.toString() : sessionFromExchange,
                principal == null ? CallContext.unobserved() : CallContext.of(principal.toString()));
    }
}
