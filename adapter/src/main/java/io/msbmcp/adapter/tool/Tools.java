package io.msbmcp.adapter.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.json.JsonTrees;
import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The registry of the tools. The protocol engine lists their definitions and calls them by name; every call is
 * wrapped the same way: validate the arguments against the input schema, run the
 * tool, map failures to JSON-RPC errors, and log one event per call (request id, MCP session, tool, sandbox session,
 * duration, outcome; never code, commands or env values).
 */
public final class Tools {
    private static final Logger logger = LoggerFactory.getLogger(Tools.class);

    private final Map<String, Entry> tools = new LinkedHashMap<>();
    private final ObjectMapper mapper;

    private record Entry(McpTool tool, ArgumentValidator validator) {}

    private Tools(List<McpTool> tools, ObjectMapper mapper) {
        this.mapper = mapper;
        for (McpTool tool : tools) {
            String name = tool.definition().name();
            this.tools.put(
                    name,
                    new Entry(
                            tool,
                            new ArgumentValidator(
                                    mapper, name, tool.definition().inputSchema())));
        }
    }

    /**
     * Loads and initialises the classes of argument validation (the JSON Schema library) by building and using a schema
     * with the keywords the tools use; the server's start runs it on a second thread while the wrapper is built.
     */
    public static void preload(ObjectMapper mapper) {
        Map<String, Object> schema = Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                        "a", Map.of("type", "string", "pattern", "^[a-z]{1,8}$", "minLength", 1, "maxLength", 8),
                        "b", Map.of("type", "integer", "minimum", 1, "maximum", 2),
                        "c", Map.of("type", "array", "items", Map.of("type", "string"), "maxItems", 2),
                        "d",
                                Map.of(
                                        "type",
                                        "object",
                                        "additionalProperties",
                                        Map.of("type", "string"),
                                        "maxProperties",
                                        2),
                        "e", Map.of("type", List.of("boolean", "null")),
                        "f", Map.of("enum", List.of("x", "y"))),
                "required",
                List.of("a"),
                "additionalProperties",
                false);
        ArgumentValidator validator = new ArgumentValidator(mapper, "preload", schema);
        validator.validate(Map.of("a", "x", "b", 1, "c", List.of("x"), "d", Map.of("k", "v"), "e", true, "f", "x"));
        try {
            validator.validate(Map.of("b", 3, "z", 1));
        } catch (RuntimeException expected) {
            // the error path is part of what a start loads
        }
    }

    /** The five tools of SPEC.md section 4 and the three file tools of section 10 over {@code wrapper}. */
    public static Tools create(MicrosandboxWrapper wrapper, ObjectMapper mapper) {
        return of(
                List.of(
                        new ExecuteCodeTool(wrapper),
                        new ExecuteCommandTool(wrapper),
                        new GetSessionsTool(wrapper),
                        new StopSessionTool(wrapper),
                        new GetVolumePathTool(wrapper),
                        new UploadFileTool(wrapper),
                        new DownloadFileTool(wrapper),
                        new ListFilesTool(wrapper)),
                mapper);
    }

    /** A registry of the given tools. */
    public static Tools of(List<McpTool> tools, ObjectMapper mapper) {
        return new Tools(tools, mapper);
    }

    /** The names of the tools, in order. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(tools.keySet());
    }

    /** The tool definitions, in order, as {@code tools/list} shows them. */
    public List<Tool> definitions() {
        return tools.values().stream().map(entry -> entry.tool().definition()).toList();
    }

    /** Whether tool {@code name} may run as a task ({@link TaskSupport#FORBIDDEN} for an unknown name). */
    public TaskSupport taskSupport(String name) {
        Entry entry = tools.get(name);
        return entry == null ? TaskSupport.FORBIDDEN : entry.tool().taskSupport();
    }

    /** Calls a tool by name: validates the arguments, runs the tool, maps failures, logs the call. */
    public CallToolResult call(String name, @Nullable Map<String, Object> arguments, ToolCallContext context) {
        return call(name, arguments == null ? null : mapper.<JsonNode>valueToTree(arguments), context);
    }

    /**
     * Calls a tool by name with the arguments as parsed from the request (an object, or null when absent): validates
     * the tree itself, runs the tool, maps failures, logs the call.
     */
    public CallToolResult call(String name, @Nullable JsonNode arguments, ToolCallContext context) {
        Entry entry = tools.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no tool '" + name + "'");
        }
        return invoke(entry, arguments == null || arguments.isNull() ? null : arguments, context);
    }

    private CallToolResult invoke(Entry entry, @Nullable JsonNode arguments, ToolCallContext context) {
        String name = entry.tool().definition().name();
        long start = System.nanoTime();
        JsonNode sessionArgument = arguments == null ? null : arguments.get("session_id");
        String sessionId = sessionArgument != null && sessionArgument.isTextual() ? sessionArgument.textValue() : null;
        try {
            entry.validator().validate(arguments);
            CallToolResult result = entry.tool()
                    .call(ToolArguments.of(arguments == null ? null : JsonTrees.map(arguments)), context.call());
            if (result.structuredContent() instanceof Map<?, ?> content
                    && content.get("session_id") instanceof String resultSession) {
                sessionId = resultSession;
            }
            boolean isError = Boolean.TRUE.equals(result.isError());
            log(Level.INFO, name, context, sessionId, start, isError ? "tool_error" : "success", null);
            return result;
        } catch (MsbException e) {
            if (sessionId == null && e.context().get("session_id") instanceof String failedSession) {
                sessionId = failedSession; // e.g. a session created by this call whose dependency install failed
            }
            log(
                    ErrorMapper.logLevel(e.code()),
                    name,
                    context,
                    sessionId,
                    start,
                    "error",
                    e.code().name());
            throw ErrorMapper.toMcpError(e);
        } catch (McpError e) {
            log(Level.INFO, name, context, sessionId, start, "error", null);
            throw e;
        } catch (RuntimeException e) {
            McpError error = ErrorMapper.unexpected(e, "tool " + name);
            log(Level.ERROR, name, context, sessionId, start, "error", ErrorMapper.INTERNAL_ERROR);
            throw error;
        }
    }

    private static void log(
            Level level,
            String tool,
            ToolCallContext context,
            @Nullable String sessionId,
            long startNanos,
            String outcome,
            @Nullable String errorCode) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        var event = logger.atLevel(level);
        if (context.requestId() != null) {
            event = event.addKeyValue("request_id", context.requestId());
        }
        if (context.mcpSessionId() != null) {
            event = event.addKeyValue("mcp_session_id", context.mcpSessionId());
        }
        event = event.addKeyValue("principal", context.call().principal());
        event = event.addKeyValue("tool", tool);
        if (sessionId != null) {
            event = event.addKeyValue("session_id", sessionId);
        }
        event = event.addKeyValue("duration_ms", durationMs).addKeyValue("outcome", outcome);
        if (errorCode != null) {
            event = event.addKeyValue("error_code", errorCode);
        }
        event.log("tool call {} {} in {} ms", tool, errorCode == null ? outcome : errorCode, durationMs);
    }
}
