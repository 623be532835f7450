package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.wrapper.call.Cancellation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Tasks of the 2025-11-25 revision (experimental core): {@code tools/call} with {@code params.task} answers {@code
 * {task}} at once; {@code tasks/get}, {@code tasks/result} (waits until the task is terminal), {@code tasks/list} (the
 * caller's own, paginated) and {@code tasks/cancel}. Every lookup is by the caller that created the task.
 */
public final class GenerationA {
    /** The {@code _meta} key that ties a result to its task. */
    public static final String RELATED_TASK = "io.modelcontextprotocol/related-task";
    /** Tasks per {@code tasks/list} page. */
    static final int PAGE_SIZE = 50;

    private final TaskRunner runner;
    private final ObjectMapper mapper;

    public GenerationA(TaskRunner runner, ObjectMapper mapper) {
        this.runner = runner;
        this.mapper = mapper;
    }

    /** The capability {@code initialize} declares: list, cancel, and tasks for {@code tools/call}. */
    public ObjectNode capability() {
        ObjectNode tasks = mapper.createObjectNode();
        tasks.putObject("list");
        tasks.putObject("cancel");
        tasks.putObject("requests").putObject("tools").putObject("call");
        return tasks;
    }

    /** The TTL a {@code params.task} object asks for, or null for the default. */
    public static @Nullable Duration requestedTtl(JsonNode taskParams) {
        JsonNode ttl = taskParams.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.isIntegralNumber() || ttl.asLong() < 0) {
            throw TaskException.invalidParams("\"params.task.ttl\" must be a whole number of milliseconds");
        }
        return Duration.ofMillis(ttl.asLong());
    }

    /** Starts {@code work} as a task and answers {@code {task}}. */
    public ObjectNode create(TaskOwner owner, @Nullable Duration ttl, TaskWork work) {
        Task task = runner.start(owner, ttl, work);
        ObjectNode result = mapper.createObjectNode();
        result.set("task", TaskWire.fields(mapper, task, now(), false));
        return result;
    }

    /** {@code tasks/get}: the task. */
    public ObjectNode get(@Nullable String taskId, TaskOwner caller) {
        return TaskWire.fields(mapper, find(taskId, caller), now(), false);
    }

    /**
     * {@code tasks/result}: waits until the task is terminal (or {@code request} is cancelled: the client went away),
     * then answers the call's result with the related-task {@code _meta}, or the error it ended with.
     */
    public ObjectNode result(@Nullable String taskId, TaskOwner caller, Cancellation request) {
        Task task = find(taskId, caller);
        CompletableFuture<Object> gone = new CompletableFuture<>();
        try (Cancellation.Registration registration = request.onCancel(() -> gone.complete(request))) {
            CompletableFuture.anyOf(task.done(), gone).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TaskException.of(JsonRpcCodes.INTERNAL_ERROR, "Internal error: interrupted while waiting", null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task future failed", e);
        }
        if (request.isCancelled() && !task.status().isTerminal()) {
            throw TaskException.of(JsonRpcCodes.INTERNAL_ERROR, "the request was cancelled", null);
        }
        Task.Snapshot snapshot = task.snapshot();
        switch (snapshot.status()) {
            case COMPLETED -> {
                ObjectNode result = ((ObjectNode) java.util.Objects.requireNonNull(snapshot.outcome())).deepCopy();
                JsonNode meta = result.get("_meta");
                ObjectNode metaObject = meta instanceof ObjectNode existing ? existing : result.putObject("_meta");
                metaObject.putObject(RELATED_TASK).put("taskId", task.id());
                return result;
            }
            case FAILED -> {
                JsonNode error = (JsonNode) snapshot.outcome();
                if (error == null) {
                    throw TaskException.of(
                            JsonRpcCodes.INTERNAL_ERROR,
                            "Task '" + task.id() + "' failed: " + snapshot.statusMessage(),
                            null);
                }
                throw TaskException.of(
                        error.path("code").asInt(JsonRpcCodes.INTERNAL_ERROR),
                        error.path("message").asText("the call failed"),
                        error.has("data") ? mapper.convertValue(error.get("data"), Object.class) : null);
            }
            default ->
                throw TaskException.of(
                        JsonRpcCodes.INVALID_PARAMS,
                        "Invalid params: task '" + task.id() + "' was cancelled (" + snapshot.statusMessage()
                                + "), so it has no result",
                        null);
        }
    }

    /** {@code tasks/list}: the caller's tasks, oldest first, {@link #PAGE_SIZE} a page. */
    public ObjectNode list(@Nullable String cursor, TaskOwner caller) {
        List<Task> own = runner.store().list(caller);
        int from = cursor == null ? 0 : decodeCursor(cursor);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode tasks = result.putArray("tasks");
        java.time.Instant now = now();
        int to = Math.min(own.size(), from + PAGE_SIZE);
        for (int i = from; i < to; i++) {
            tasks.add(TaskWire.fields(mapper, own.get(i), now, false));
        }
        if (to < own.size()) {
            result.put("nextCursor", encodeCursor(to));
        }
        return result;
    }

    /** {@code tasks/cancel}: the task, now cancelled; -32602 when it had already ended. */
    public ObjectNode cancel(@Nullable String taskId, TaskOwner caller) {
        Task task = find(taskId, caller);
        if (!runner.store().cancel(task, "cancelled by the client")) {
            throw TaskException.of(
                    JsonRpcCodes.INVALID_PARAMS,
                    "Invalid params: task '" + task.id() + "' is already "
                            + task.status().wireName() + " and cannot be cancelled",
                    null);
        }
        return TaskWire.fields(mapper, task, now(), false);
    }

    private Task find(@Nullable String taskId, TaskOwner caller) {
        if (taskId == null) {
            throw TaskException.invalidParams("\"params.taskId\" must be a string");
        }
        return runner.store().find(taskId, caller).orElseThrow(() -> TaskException.unknownTask(taskId));
    }

    private java.time.Instant now() {
        return runner.store().clock().instant();
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("o:")) {
                int offset = Integer.parseInt(text.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw TaskException.invalidParams("\"params.cursor\" is not a cursor this server gave out; leave it out");
    }
}
