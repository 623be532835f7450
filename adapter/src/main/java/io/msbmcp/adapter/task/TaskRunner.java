package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.call.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls as tasks: each on a thread of its own task executor, with the task's cancellation and a progress
 * listener that keeps the task's status message current. The work holds what it needs (a sandbox session's lock, for
 * one) on that thread, so it keeps running when the client that started it goes away, and a cancel or the TTL stops
 * it by firing the task's cancellation. The outcome goes to the {@link TaskStore}.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(TaskRunner.class);

    private final TaskStore store;
    private final ObjectMapper mapper;
    private final ExecutorService executor;
    private final Map<String, TaskProgress> progress = new ConcurrentHashMap<>();

    public TaskRunner(TaskStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mcp-task-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public TaskStore store() {
        return store;
    }

    /**
     * Creates a task of {@code owner} and starts {@code work} on the task executor.
     *
     * @param ttl the TTL the client asked for, or null for the default
     * @throws io.msbmcp.errors.ResourceLimitException when the store holds its maximum number of tasks
     */
    public Task start(TaskOwner owner, @Nullable Duration ttl, TaskWork work) {
        Task task = store.create(owner, ttl);
        TaskProgress listener = new TaskProgress(task, store.clock());
        progress.put(task.id(), listener);
        CallContext call = new CallContext(owner.principal(), task.cancellation(), listener);
        executor.execute(() -> run(task, work, call));
        return task;
    }

    /**
     * Passes the phases of a working task on to {@code listener} too, until the returned handle is closed (a request
     * waiting for the call shows its progress meanwhile).
     */
    public AutoCloseable follow(Task task, ProgressListener listener) {
        TaskProgress taskProgress = progress.get(task.id());
        return taskProgress == null ? () -> {} : taskProgress.follow(listener);
    }

    private void run(Task task, TaskWork work, CallContext call) {
        try {
            TaskOutcome outcome = work.run(call);
            ObjectNode result = outcome.result();
            ObjectNode error = outcome.error();
            if (result != null) {
                store.complete(task, result, result.toString().getBytes(StandardCharsets.UTF_8).length);
            } else if (error != null) {
                store.fail(task, error, error.path("message").asText("the call failed"));
            }
        } catch (RuntimeException e) {
            logger.error("Task {} failed unexpectedly", task.id(), e);
            ObjectNode error = mapper.createObjectNode();
            error.put("code", JsonRpcCodes.INTERNAL_ERROR);
            error.put("message", "Internal error: the task failed unexpectedly; see the server log");
            store.fail(task, error, "the task failed unexpectedly");
        } finally {
            progress.remove(task.id());
        }
    }

    /** Stops the task threads (shutdown); working tasks are interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
