package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.call.CallContext;

/**
 * One MCP tool: its definition (name, title, description, schemas, annotations) and the call itself. {@link Tools}
 * validates the arguments against the input schema before {@link #call}, maps exceptions to JSON-RPC errors and logs
 * the call; a tool only turns valid arguments into a wrapper request and the wrapper's answer into a result.
 */
public interface McpTool {
    /** The definition {@code tools/list} shows. */
    Tool definition();

    /**
     * Runs the tool.
     *
     * @param arguments arguments that conform to the input schema
     * @param call who calls, their cancellation signal and where progress goes; pass it on to the wrapper
     * @return the result; {@code isError} for failures of the user's code, whose structured content still conforms to
     *     the output schema
     * @throws io.msbmcp.errors.MsbException for failures of the server or its backend
     */
    CallToolResult call(ToolArguments arguments, CallContext call);

    /** Whether the tool may run as an MCP task; quick tools keep the default, {@link TaskSupport#FORBIDDEN}. */
    default TaskSupport taskSupport() {
        return TaskSupport.FORBIDDEN;
    }
}
