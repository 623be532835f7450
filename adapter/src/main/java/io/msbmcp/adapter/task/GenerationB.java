package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.ProgressListener;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Tasks of the 2026-07-28 extension {@code io.modelcontextprotocol/tasks}. Only a request that declares the extension
 * can get a task: its {@code tools/call} runs on the task executor, and if it has not finished within the grace period
 * ({@code MCP_TASK_AFTER}) the server answers the flat {@code resultType: "task"}; otherwise the call's own answer.
 * {@code tasks/get} shows the task with the result or error inline once terminal; {@code tasks/update} and {@code
 * tasks/cancel} are empty acknowledgements (a cancel of a terminal task too).
 */
public final class GenerationB {
    /** The extension's identifier, in {@code capabilities.extensions} both ways. */
    public static final String EXTENSION = "io.modelcontextprotocol/tasks";

    private final TaskRunner runner;
    private final ObjectMapper mapper;
    private final Duration grace;

    public GenerationB(TaskRunner runner, ObjectMapper mapper, Duration grace) {
        this.runner = runner;
        this.mapper = mapper;
        this.grace = grace;
    }

    /** True when the request's {@code _meta} client capabilities declare the extension. */
    public static boolean declared(@Nullable JsonNode clientCapabilities) {
        JsonNode extensions = clientCapabilities == null ? null : clientCapabilities.get("extensions");
        return extensions != null && extensions.isObject() && extensions.has(EXTENSION);
    }

    /**
     * Runs {@code work} as a task; waits up to the grace period for it (passing its phases on to {@code progress} and
     * cancelling it if {@code request} is cancelled meanwhile). The run has the call's outcome when it finished in
     * time, or none once the task outlives the grace: then answer {@link #created}.
     */
    public Run runOrDefer(TaskOwner owner, TaskWork work, Cancellation request, ProgressListener progress) {
        Task task = runner.start(owner, null, work);
        return new Run(task, await(task, request, progress));
    }

    /**
     * A call started by {@link #runOrDefer}.
     *
     * @param task its task
     * @param outcome how the call ended within the grace period, or null when it became a task
     */
    public record Run(Task task, @Nullable TaskOutcome outcome) {}

    private @Nullable TaskOutcome await(Task task, Cancellation request, ProgressListener progress) {
        try (Cancellation.Registration cancelWithRequest =
                        request.onCancel(() -> runner.store().cancel(task, "the client closed the request"));
                AutoCloseable following = runner.follow(task, progress)) {
            if (!grace.isZero()) {
                task.done().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task future failed", e);
        } catch (Exception e) {
            throw new IllegalStateException("closing a progress follower failed", e);
        }
        Task.Snapshot snapshot = task.snapshot();
        if (snapshot.status() == TaskStatus.WORKING || snapshot.status() == TaskStatus.INPUT_REQUIRED) {
            return null;
        }
        runner.store().discard(task); // answered directly: nobody will ask for it
        Object outcome = snapshot.outcome();
        if (snapshot.status() == TaskStatus.COMPLETED && outcome instanceof ObjectNode result) {
            return TaskOutcome.ofResult(result);
        }
        if (outcome instanceof ObjectNode error) {
            return TaskOutcome.ofError(error);
        }
        ObjectNode error = mapper.createObjectNode();
        error.put("code", io.msbmcp.errors.JsonRpcCodes.INTERNAL_ERROR);
        error.put("message", "The call ended without a result: " + snapshot.statusMessage());
        return TaskOutcome.ofError(error);
    }

    /** The flat {@code CreateTaskResult}: {@code resultType: "task"} and the task's fields. */
    public ObjectNode created(Task task) {
        ObjectNode result = mapper.createObjectNode();
        result.put("resultType", "task");
        return TaskWire.fields(result, task, runner.store().clock().instant(), true);
    }

    /** {@code tasks/get}: the task, with {@code result} when completed or {@code error} when failed. */
    public ObjectNode get(@Nullable String taskId, TaskOwner caller) {
        Task task = find(taskId, caller);
        ObjectNode result = mapper.createObjectNode();
        result.put("resultType", "complete");
        TaskWire.fields(result, task, runner.store().clock().instant(), true);
        Task.Snapshot snapshot = task.snapshot();
        if (snapshot.outcome() instanceof ObjectNode outcome) {
            if (snapshot.status() == TaskStatus.COMPLETED) {
                result.set("result", outcome);
            } else if (snapshot.status() == TaskStatus.FAILED) {
                result.set("error", outcome);
            }
        } else if (snapshot.status() == TaskStatus.FAILED) {
            ObjectNode error = result.putObject("error");
            error.put("code", io.msbmcp.errors.JsonRpcCodes.INTERNAL_ERROR);
            error.put("message", String.valueOf(snapshot.statusMessage()));
        }
        return result;
    }

    /** {@code tasks/update}: acknowledged (no task of this server waits for input yet). */
    public ObjectNode update(@Nullable String taskId, TaskOwner caller, @Nullable JsonNode inputResponses) {
        find(taskId, caller);
        if (inputResponses != null && !inputResponses.isNull() && !inputResponses.isObject()) {
            throw TaskException.invalidParams("\"params.inputResponses\" of tasks/update must be an object");
        }
        return mapper.createObjectNode();
    }

    /** {@code tasks/cancel}: cancels a working task; acknowledged either way (the status shows on tasks/get). */
    public ObjectNode cancel(@Nullable String taskId, TaskOwner caller) {
        Task task = find(taskId, caller);
        runner.store().cancel(task, "cancelled by the client");
        return mapper.createObjectNode();
    }

    private Task find(@Nullable String taskId, TaskOwner caller) {
        if (taskId == null) {
            throw TaskException.invalidParams("\"params.taskId\" must be a string");
        }
        return runner.store().find(taskId, caller).orElseThrow(() -> TaskException.unknownTask(taskId));
    }
}
