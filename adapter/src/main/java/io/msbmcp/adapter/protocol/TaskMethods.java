package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.task.GenerationA;
import io.msbmcp.adapter.task.GenerationB;
import io.msbmcp.adapter.task.TaskEngine;
import io.msbmcp.adapter.task.TaskException;
import io.msbmcp.adapter.task.TaskOutcome;
import io.msbmcp.adapter.task.TaskOwner;
import io.msbmcp.adapter.task.TaskWork;
import io.msbmcp.adapter.tool.TaskSupport;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.errors.MsbException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the engine meets the tasks of {@code io.msbmcp.adapter.task}: which generation a request speaks (2025-11-25
 * core tasks in the legacy era, the 2026-07-28 extension in the modern era, for a request that declares it), who owns
 * its tasks (the principal and, in the legacy era, the MCP session), and the errors of the task methods as JSON-RPC
 * errors.
 */
final class TaskMethods {
    private TaskMethods() {}

    /**
     * A task-capable {@code tools/call} as a task: the 2025 {@code {task}} when {@code params.task} asks for one, the
     * 2026 flat task (or the call's own answer when it ends within the grace period) when the request declares the
     * extension. Null when the call runs as an ordinary call.
     */
    static @Nullable ObjectNode toolCall(
            TaskEngine tasks, McpDispatcher.Call call, TaskSupport support, TaskWork work) {
        JsonRpcMessage message = call.message();
        TaskOwner owner = owner(call);
        try {
            if (call.era() == ProtocolEra.LEGACY) {
                JsonNode task =
                        message.params() == null ? null : message.params().get("task");
                if (task == null || task.isNull()) {
                    return null;
                }
                if (!task.isObject()) {
                    throw TaskException.invalidParams(
                            "\"params.task\" of tools/call must be an object such as {\"ttl\": 60000}");
                }
                return tasks.generationA().create(owner, GenerationA.requestedTtl(task), work);
            }
            if (!declared(message)) {
                if (support == TaskSupport.REQUIRED) {
                    throw missingExtension(message, "tool '" + message.paramString("name") + "' runs only as a task");
                }
                return null;
            }
            GenerationB.Run run = tasks.generationB()
                    .runOrDefer(
                            owner,
                            work,
                            call.context().cancellation(),
                            call.context().progress());
            TaskOutcome outcome = run.outcome();
            if (outcome == null) {
                return tasks.generationB().created(run.task());
            }
            ObjectNode error = outcome.error();
            if (error != null) {
                throw new ProtocolException(
                        200,
                        error.path("code").asInt(JsonRpcCodes.INTERNAL_ERROR),
                        error.path("message").asText("the call failed"),
                        message.id(),
                        error.get("data"));
            }
            return java.util.Objects.requireNonNull(outcome.result()).deepCopy();
        } catch (TaskException e) {
            throw fromTaskException(e, message);
        } catch (MsbException e) {
            throw McpDispatcher.fromMcpError(ErrorMapper.toMcpError(e), message);
        }
    }

    /** {@code tasks/get}, {@code tasks/result}, {@code tasks/list}, {@code tasks/cancel} or {@code tasks/update}. */
    static ObjectNode answer(TaskEngine tasks, McpDispatcher.Call call, ObjectMapper mapper) {
        JsonRpcMessage message = call.message();
        boolean modern = call.era() == ProtocolEra.MODERN;
        if (modern && !declared(message)) {
            throw missingExtension(message, message.method() + " belongs to the tasks extension");
        }
        TaskOwner owner = owner(call);
        String taskId = message.paramString("taskId");
        try {
            if (modern) {
                return switch (String.valueOf(message.method())) {
                    case "tasks/get" -> tasks.generationB().get(taskId, owner);
                    case "tasks/update" ->
                        tasks.generationB()
                                .update(
                                        taskId,
                                        owner,
                                        message.params() == null
                                                ? null
                                                : message.params().get("inputResponses"));
                    default -> tasks.generationB().cancel(taskId, owner);
                };
            }
            return switch (String.valueOf(message.method())) {
                case "tasks/get" -> tasks.generationA().get(taskId, owner);
                case "tasks/result" ->
                    tasks.generationA().result(taskId, owner, call.context().cancellation());
                case "tasks/list" -> tasks.generationA().list(message.paramString("cursor"), owner);
                default -> tasks.generationA().cancel(taskId, owner);
            };
        } catch (TaskException e) {
            throw fromTaskException(e, message);
        }
    }

    /** A JSON-RPC error object ({@code code}, {@code message}, {@code data}) for a task's stored failure. */
    static ObjectNode errorObject(ProtocolException e, ObjectMapper mapper) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.data() != null) {
            error.set("data", mapper.valueToTree(e.data()));
        }
        return error;
    }

    private static TaskOwner owner(McpDispatcher.Call call) {
        return new TaskOwner(call.context().principal(), call.era() == ProtocolEra.LEGACY ? call.mcpSessionId() : null);
    }

    private static boolean declared(JsonRpcMessage message) {
        ObjectNode meta = message.meta();
        return GenerationB.declared(meta == null ? null : meta.get(ModernRequestValidator.META_CLIENT_CAPABILITIES));
    }

    private static ProtocolException missingExtension(JsonRpcMessage message, String why) {
        return new ProtocolException(
                400,
                ProtocolException.MISSING_CLIENT_CAPABILITY,
                "Missing client capability: " + why + "; declare the extension '" + GenerationB.EXTENSION
                        + "' in params._meta[\"" + ModernRequestValidator.META_CLIENT_CAPABILITIES + "\"].extensions",
                message.id(),
                Map.of("requiredCapabilities", Map.of("extensions", Map.of(GenerationB.EXTENSION, Map.of()))));
    }

    private static ProtocolException fromTaskException(TaskException e, JsonRpcMessage message) {
        return new ProtocolException(200, e.code(), String.valueOf(e.getMessage()), message.id(), e.data());
    }
}
