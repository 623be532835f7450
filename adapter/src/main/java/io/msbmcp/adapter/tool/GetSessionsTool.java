package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.SessionInfo;
import io.msbmcp.wrapper.call.CallContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get_sessions}: lists the live sessions, or shows one. */
public final class GetSessionsTool implements McpTool {
    public static final String NAME = "get_sessions";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "sessions": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "session_id": {"type": "string"},
                      "template": {"type": "string", "enum": ["python", "node"]},
                      "flavor": {"type": "string", "enum": ["small", "medium", "large"]},
                      "status": {"type": "string", "enum": ["starting", "ready", "running"]},
                      "created_at": {"type": "string", "format": "date-time"},
                      "last_accessed": {"type": "string", "format": "date-time"},
                      "expires_at": {"type": "string", "format": "date-time", "description": "When the session is stopped if it stays idle."},
                      "namespace": {"type": "string"},
                      "sandbox_name": {"type": "string"},
                      "executions": {"type": "integer", "minimum": 0}
                    },
                    "required": ["session_id", "template", "flavor", "status", "created_at", "last_accessed",
                                 "expires_at", "namespace", "sandbox_name", "executions"]
                  }
                }
              },
              "required": ["sessions"]
            }""";

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public GetSessionsTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        String inputSchema = """
                {
                  "type": "object",
                  "properties": {"session_id": %s},
                  "additionalProperties": false
                }""".formatted(SessionArguments.sessionIdSchema(
                "Show only this session; an unknown id is an error. Leave out to list every live session."));
        this.definition = ToolDefinitions.define(
                NAME,
                "List sessions",
                "List the live sandbox sessions of this server (or one, by session_id) with their"
                        + " template, flavor, status, timestamps and number of executions.",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(true, false, true, false));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        String sessionId = arguments.string(SessionArguments.SESSION_ID);
        List<SessionInfo> sessions = wrapper.getSessions(sessionId, call);

        List<Map<String, Object>> items = new ArrayList<>(sessions.size());
        StringBuilder text = new StringBuilder();
        text.append(sessions.isEmpty() ? "No live sessions." : sessions.size() + " live session(s):");
        for (SessionInfo session : sessions) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("session_id", session.sessionId());
            item.put("template", session.template().id());
            item.put("flavor", session.flavor().id());
            item.put("status", session.status().wireName());
            item.put("created_at", session.createdAt().toString());
            item.put("last_accessed", session.lastAccessed().toString());
            item.put("expires_at", session.expiresAt().toString());
            item.put("namespace", session.namespace());
            item.put("sandbox_name", session.sandboxName());
            item.put("executions", session.executions());
            items.add(item);
            text.append("\n- ")
                    .append(session.sessionId())
                    .append(": ")
                    .append(session.template().id())
                    .append(", ")
                    .append(session.flavor().id())
                    .append(", ")
                    .append(session.status().wireName())
                    .append(", ")
                    .append(session.executions())
                    .append(" execution(s), expires ")
                    .append(session.expiresAt());
        }
        return ToolDefinitions.result(text.toString(), Map.of("sessions", items), false);
    }
}
