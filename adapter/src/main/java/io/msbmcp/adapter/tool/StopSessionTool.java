package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.StopSessionResult;
import io.msbmcp.wrapper.call.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code stop_session}: stops a session and its sandbox. */
public final class StopSessionTool implements McpTool {
    public static final String NAME = "stop_session";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string"},
                "stopped": {"type": "boolean", "description": "True once the session is gone and its sandbox stopped."}
              },
              "required": ["session_id", "stopped"]
            }""";

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public StopSessionTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        String inputSchema = """
                {
                  "type": "object",
                  "properties": {"session_id": %s},
                  "required": ["session_id"],
                  "additionalProperties": false
                }""".formatted(SessionArguments.sessionIdSchema("The session to stop."));
        this.definition = ToolDefinitions.define(
                NAME,
                "Stop session",
                "Stop a sandbox session and its sandbox now, discarding its state (variables, files)."
                        + " An unknown session_id is an error.",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(false, true, true, false));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        String sessionId = arguments.string(SessionArguments.SESSION_ID, "");
        StopSessionResult result = wrapper.stopSession(sessionId, call);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", result.sessionId());
        structured.put("stopped", result.stopped());
        String text = result.stopped()
                ? "Session '" + result.sessionId() + "' stopped; its sandbox and state are gone."
                : "Session '" + result.sessionId() + "' was not stopped.";
        return ToolDefinitions.result(text, structured, false);
    }
}
