package io.msbmcp.adapter.tool;

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
}
