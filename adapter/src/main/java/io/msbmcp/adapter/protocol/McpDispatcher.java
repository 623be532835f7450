package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.msbmcp.adapter.ServerVersion;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.json.JsonTrees;
import io.msbmcp.adapter.prompt.PromptProvider;
import io.msbmcp.adapter.resource.ResourceProvider;
import io.msbmcp.adapter.task.GenerationB;
import io.msbmcp.adapter.task.TaskEngine;
import io.msbmcp.adapter.task.TaskOutcome;
import io.msbmcp.adapter.task.TaskWork;
import io.msbmcp.adapter.tool.TaskSupport;
import io.msbmcp.adapter.tool.ToolCallContext;
import io.msbmcp.adapter.tool.Tools;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.call.CallContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place that answers each MCP method, in both eras: {@code initialize}, {@code ping}, {@code
 * logging/setLevel} and the subscription acknowledgements (2025 revisions only), {@code server/discover} (2026-07-28
 * only), and {@code tools/list}, {@code tools/call}, {@code resources/list}, {@code resources/templates/list}, {@code
 * resources/read}, {@code prompts/list} in both. Anything else is -32601 (HTTP 404 in the modern era). Modern results
 * carry {@code resultType}, {@code _meta["io.modelcontextprotocol/serverInfo"]}, and {@code ttlMs}/{@code cacheScope}
 * on lists and reads. The tools and resources know nothing of eras.
 */
final class McpDispatcher {
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    static final String INSTRUCTIONS = "Runs code and shell commands in isolated Microsandbox sandboxes."
            + " execute_code and execute_command return a session_id: pass it to later calls to keep state"
            + " (variables, files, installed packages); leave it out to start fresh. get_sessions lists live"
            + " sessions, stop_session ends one, get_volume_path shows host folders shared with the sandboxes."
            + " upload_file, download_file and list_files move files in and out of a session; files a run creates"
            + " come back as resource links (sandbox://sessions/{session_id}/files/{path}, read with resources/read).";

    /** How long clients may cache the tool, prompt and template lists: they change only with a new server. */
    static final Duration LIST_TTL = Duration.ofMinutes(5);

    private static final Set<String> LOG_LEVELS =
            Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private final Tools tools;
    private final ResourceProvider resources;
    private final ObjectMapper mapper;
    private final TaskEngine tasks;
    private final PromptProvider prompts;

    /** What one request brings to the dispatcher. */
    record Call(
            ProtocolEra era,
            JsonRpcMessage message,
            @Nullable String mcpSessionId,
            CallContext context) {}

    McpDispatcher(
            Tools tools, ResourceProvider resources, PromptProvider prompts, ObjectMapper mapper, TaskEngine tasks) {
        this.tools = tools;
        this.resources = resources;
        this.prompts = prompts;
        this.mapper = mapper;
        this.tasks = tasks;
    }

    /**
     * The result of a request. Throws {@link ProtocolException} for what the client got wrong (-32602 with HTTP 400
     * for params of the wrong shape, -32601 for an unknown method) and for failures the tools report (HTTP 200).
     */
    ObjectNode dispatch(Call call) {
        JsonRpcMessage message = call.message();
        String method = message.method();
        boolean modern = call.era() == ProtocolEra.MODERN;
        ObjectNode result = switch (method == null ? "" : method) {
            case "server/discover" -> modern ? discover() : null;
            case "ping" -> modern ? null : mapper.createObjectNode();
            case "logging/setLevel" -> modern ? null : setLevel(message);
            case "resources/subscribe", "resources/unsubscribe" -> modern ? null : subscription(message);
            case "tools/list" -> toolList(modern);
            case "tools/call" -> callTool(call);
            case "resources/list" ->
                list("resources", guarded(() -> resources.resources(call.context())), Duration.ZERO, "private", modern);
            case "resources/templates/list" ->
                list("resourceTemplates", guarded(resources::templates), LIST_TTL, "public", modern);
            case "resources/read" -> read(call);
            case "prompts/list" -> list("prompts", guarded(prompts::prompts), LIST_TTL, "public", modern);
            case "prompts/get" -> PromptMethods.get(prompts, call, mapper);
            case "completion/complete" ->
                prompts == PromptProvider.NONE ? null : PromptMethods.complete(prompts, call, mapper);
            case "tasks/get", "tasks/cancel" -> TaskMethods.answer(tasks, call, mapper);
            case "tasks/result", "tasks/list" -> modern ? null : TaskMethods.answer(tasks, call, mapper);
            case "tasks/update" -> modern ? TaskMethods.answer(tasks, call, mapper) : null;
            default -> null;
        };
        if (result == null) {
            throw methodNotFound(message, modern);
        }
        return modern ? complete(result) : result;
    }

    /** The protocol version {@code initialize} settles on: the client's when supported, else the newest. */
    String negotiate(JsonRpcMessage message) {
        ObjectNode params = message.params();
        if (params == null) {
            throw invalidParams(
                    message,
                    "initialize needs params {\"protocolVersion\", \"capabilities\", \"clientInfo\"}; to use"
                            + " 2026-07-28 instead, send server/discover with params._meta");
        }
        JsonNode version = params.get("protocolVersion");
        if (version == null || !version.isTextual()) {
            throw invalidParams(
                    message,
                    "\"params.protocolVersion\" of initialize must be a string such as \"2025-11-25\", not "
                            + JsonRpcParser.describe(version));
        }
        for (String member : List.of("capabilities", "clientInfo")) {
            JsonNode value = params.get(member);
            if (value != null && !value.isObject()) {
                throw invalidParams(
                        message,
                        "\"params." + member + "\" of initialize must be an object, not "
                                + JsonRpcParser.describe(value));
            }
        }
        String requested = version.textValue();
        return ProtocolEra.LEGACY_VERSIONS.contains(requested) ? requested : ProtocolEra.LEGACY_VERSIONS.get(0);
    }

    /** The result of {@code initialize} for {@code version}. */
    ObjectNode initializeResult(String version) {
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources").put("listChanged", false);
        capabilities.putObject("prompts").put("listChanged", false);
        capabilities.putObject("logging");
        if (prompts != PromptProvider.NONE) {
            capabilities.putObject("completions");
        }
        capabilities.set("tasks", tasks.generationA().capability());
        result.set("serverInfo", serverInfo());
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    private ObjectNode discover() {
        ObjectNode result = mapper.createObjectNode();
        result.set("supportedVersions", mapper.valueToTree(ProtocolEra.MODERN_VERSIONS));
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources").put("listChanged", false);
        capabilities.putObject("prompts").put("listChanged", false);
        if (prompts != PromptProvider.NONE) {
            capabilities.putObject("completions");
        }
        capabilities.putObject("extensions").putObject(GenerationB.EXTENSION);
        result.put("instructions", INSTRUCTIONS);
        result.put("ttlMs", LIST_TTL.toMillis());
        result.put("cacheScope", "public");
        return result;
    }

    private ObjectNode setLevel(JsonRpcMessage message) {
        String level = message.paramString("level");
        if (level == null || !LOG_LEVELS.contains(level)) {
            throw invalidParams(
                    message,
                    "\"params.level\" of logging/setLevel must be one of debug, info, notice, warning, error, critical,"
                            + " alert, emergency");
        }
        return mapper.createObjectNode();
    }

    private ObjectNode subscription(JsonRpcMessage message) {
        if (message.paramString("uri") == null) {
            throw invalidParams(message, "\"params.uri\" of " + message.method() + " must be a string");
        }
        // accepted for clients that subscribe without looking at capabilities; none is declared and no update is sent
        return mapper.createObjectNode();
    }

    /**
     * Throws what {@code tools/call} would throw for params of the wrong shape or an unknown tool, before anything is
     * sent: the engine calls it before it opens an SSE answer.
     */
    void checkToolCall(JsonRpcMessage message) {
        String name = message.paramString("name");
        if (message.params() == null || name == null) {
            throw invalidParams(
                    message,
                    "tools/call needs \"params.name\" (a string: one of " + String.join(", ", tools.names())
                            + ") and \"params.arguments\" (an object)");
        }
        JsonNode arguments = message.params().get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw invalidParams(
                    message,
                    "\"params.arguments\" of tools/call must be an object, not " + JsonRpcParser.describe(arguments));
        }
        if (!tools.names().contains(name)) {
            InvalidArgumentException error = InvalidArgumentException.of(
                    "name", "unknown tool '" + name + "'; the tools are " + String.join(", ", tools.names()));
            throw new ProtocolException(
                    200, error.jsonRpcCode(), "Unknown tool: " + name, message.id(), error.errorData());
        }
    }

    private ObjectNode callTool(Call call) {
        JsonRpcMessage message = call.message();
        checkToolCall(message);
        String name = java.util.Objects.requireNonNull(message.paramString("name"));
        JsonNode arguments = java.util.Objects.requireNonNull(message.params()).get("arguments");
        TaskSupport support = tools.taskSupport(name);
        if (support != TaskSupport.FORBIDDEN) {
            TaskWork work = taskCall -> {
                try {
                    return TaskOutcome.ofResult(JsonTrees.toolResult(
                            tools.call(
                                    name,
                                    arguments,
                                    new ToolCallContext(message.idText(), call.mcpSessionId(), taskCall)),
                            mapper));
                } catch (McpError e) {
                    return TaskOutcome.ofError(TaskMethods.errorObject(fromMcpError(e, message), mapper));
                }
            };
            ObjectNode answer = TaskMethods.toolCall(tasks, call, support, work);
            if (answer != null) {
                return answer;
            }
        }
        ToolCallContext context = new ToolCallContext(message.idText(), call.mcpSessionId(), call.context());
        McpSchema.CallToolResult result;
        try {
            result = tools.call(name, arguments, context);
        } catch (McpError e) {
            throw fromMcpError(e, message);
        }
        return JsonTrees.toolResult(result, mapper);
    }

    /** The tool definitions, each task-capable one with {@code execution.taskSupport}. */
    private ObjectNode toolList(boolean modern) {
        ObjectNode result = list("tools", tools.definitions(), LIST_TTL, "public", modern);
        for (JsonNode tool : result.withArray("tools")) {
            TaskSupport support = tools.taskSupport(tool.path("name").asText());
            if (support != TaskSupport.FORBIDDEN && tool instanceof ObjectNode definition) {
                definition.putObject("execution").put("taskSupport", support.wireName());
            }
        }
        return result;
    }

    private ObjectNode read(Call call) {
        JsonRpcMessage message = call.message();
        String uri = message.paramString("uri");
        if (uri == null) {
            throw invalidParams(message, "resources/read needs \"params.uri\", a string");
        }
        McpSchema.ReadResourceResult result;
        try {
            result = guarded(() -> resources.read(uri, call.context()));
        } catch (ProtocolException e) {
            throw withUri(e, uri);
        }
        ObjectNode node = mapper.valueToTree(result);
        if (call.era() == ProtocolEra.MODERN) {
            node.put("ttlMs", 0);
            node.put("cacheScope", "private");
        }
        return node;
    }

    /** The error with {@code uri} added to its data, as SEP-2164 asks of a resource that is not found. */
    private static ProtocolException withUri(ProtocolException e, String uri) {
        if (!(e.data() instanceof Map<?, ?> data) || data.containsKey("uri")) {
            return e;
        }
        Map<Object, Object> withUri = new LinkedHashMap<>(data);
        withUri.put("uri", uri);
        return new ProtocolException(e.httpStatus(), e.code(), e.getMessage(), e.id(), withUri);
    }

    private ObjectNode list(String member, List<?> items, Duration ttl, String scope, boolean modern) {
        ObjectNode result = mapper.createObjectNode();
        result.set(member, mapper.valueToTree(items));
        if (modern) {
            result.put("ttlMs", ttl.toMillis());
            result.put("cacheScope", scope);
        }
        return result;
    }

    /** Adds {@code resultType} and the server's identity to a modern result. */
    private ObjectNode complete(ObjectNode result) {
        if (!result.has("resultType")) {
            result.put("resultType", "complete");
        }
        JsonNode meta = result.get("_meta");
        ObjectNode metaObject = meta instanceof ObjectNode existing ? existing : result.putObject("_meta");
        metaObject.set(META_SERVER_INFO, serverInfo());
        return result;
    }

    private ObjectNode serverInfo() {
        ObjectNode info = mapper.createObjectNode();
        info.put("name", ServerVersion.IMPLEMENTATION_NAME);
        info.put("title", ServerVersion.SERVER_NAME);
        info.put("version", ServerVersion.version());
        return info;
    }

    static <T> T guarded(java.util.function.Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (MsbException e) {
            McpError error = ErrorMapper.toMcpError(e);
            throw fromMcpError(error, null);
        } catch (McpError e) {
            throw fromMcpError(e, null);
        } catch (RuntimeException e) {
            throw fromMcpError(ErrorMapper.unexpected(e, "resources"), null);
        }
    }

    static ProtocolException fromMcpError(McpError e, @Nullable JsonRpcMessage message) {
        var error = e.getJsonRpcError();
        int code = error == null ? JsonRpcCodes.INTERNAL_ERROR : error.code();
        String text = error == null || error.message() == null ? "Internal error" : error.message();
        // a capability the client did not declare is refused like the engine's own checks: 400 (2026-07-28)
        int status = code == ProtocolException.MISSING_CLIENT_CAPABILITY ? 400 : 200;
        return new ProtocolException(
                status, code, text, message == null ? null : message.id(), error == null ? null : error.data());
    }

    static ProtocolException invalidParams(JsonRpcMessage message, String what) {
        return ProtocolException.badRequest(JsonRpcCodes.INVALID_PARAMS, "Invalid params: " + what, message.id());
    }

    private static ProtocolException methodNotFound(JsonRpcMessage message, boolean modern) {
        String method = message.method();
        String hint = modern
                ? switch (method == null ? "" : method) {
                    case "initialize" ->
                        "; 2026-07-28 has no handshake: call server/discover, or send initialize"
                                + " without params._meta for the 2025 revisions";
                    case "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe" ->
                        "; removed in" + " 2026-07-28";
                    default -> "";
                }
                : "server/discover".equals(method) ? "; server/discover is 2026-07-28: send it with params._meta" : "";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", method);
        return new ProtocolException(
                modern ? 404 : 200,
                JsonRpcCodes.METHOD_NOT_FOUND,
                "Method not found: " + method + hint,
                message.id(),
                data);
    }
}
