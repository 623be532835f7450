package io.msbmcp.adapter.task;

import io.msbmcp.errors.ResourceLimitException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Every task of the server, for both wire generations. Ids carry 144 random bits. A task is found only by the caller
 * that created it; to anyone else it does not exist, so ids never leak between callers. Tasks and their results are
 * kept for their TTL, within a count and a byte budget: a new task beyond the count, or a result beyond the bytes, is
 * refused with a clear error instead of pushing older results out.
 */
public final class TaskStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final TaskLimits limits;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private long resultBytes;

    public TaskStore(Clock clock, TaskLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    public TaskLimits limits() {
        return limits;
    }

    /**
     * Creates a working task for {@code owner}.
     *
     * @param requestedTtl the TTL the client asked for, or null for the default; cut to the maximum
     * @throws ResourceLimitException when the store holds its maximum number of tasks
     */
    public Task create(TaskOwner owner, @Nullable Duration requestedTtl) {
        sweepExpired();
        Duration ttl = requestedTtl == null || requestedTtl.isNegative() || requestedTtl.isZero()
                ? limits.defaultTtl()
                : requestedTtl.compareTo(limits.maxTtl()) > 0 ? limits.maxTtl() : requestedTtl;
        synchronized (this) {
            if (tasks.size() >= limits.maxTasks()) {
                throw ResourceLimitException.taskLimit(tasks.size(), limits.maxTasks());
            }
            Task task = new Task(newId(), owner, clock.instant(), ttl);
            tasks.put(task.id(), task);
            return task;
        }
    }

    /** The task with {@code id} if {@code caller} created it and it has not expired. */
    public Optional<Task> find(String id, TaskOwner caller) {
        Task task = tasks.get(id);
        if (task == null || !task.owner().equals(caller)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(task.expiresAt())) {
            forget(task);
            return Optional.empty();
        }
        return Optional.of(task);
    }

    /** The caller's live tasks, oldest first. */
    public List<Task> list(TaskOwner caller) {
        sweepExpired();
        List<Task> own = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (task.owner().equals(caller)) {
                own.add(task);
            }
        }
        own.sort(Comparator.comparing(Task::createdAt).thenComparing(Task::id));
        return own;
    }

    /**
     * Records the result of a finished call ({@code completed}, even when the tool result has {@code isError}). When
     * the result does not fit the byte budget, the task fails with a message that says so instead.
     *
     * @return false when the task was already terminal (cancelled), so the result is dropped
     */
    public boolean complete(Task task, Object result, long bytes) {
        synchronized (this) {
            if (resultBytes + bytes > limits.maxResultBytes()) {
                return task.finish(
                        TaskStatus.FAILED,
                        null,
                        0,
                        "the result (" + bytes + " bytes) does not fit the server's task result budget ("
                                + limits.maxResultBytes() + " bytes); run the call without a task",
                        clock.instant());
            }
            boolean finished = task.finish(TaskStatus.COMPLETED, result, bytes, null, clock.instant());
            if (finished) {
                resultBytes += bytes;
            }
            return finished;
        }
    }

    /** Records the error a call ended with; false when the task was already terminal. */
    public boolean fail(Task task, Object error, String message) {
        return task.finish(TaskStatus.FAILED, error, 0, message, clock.instant());
    }

    /**
     * Cancels a working task: it becomes {@code cancelled} and its cancellation fires, stopping the work.
     *
     * @return false when the task was terminal already
     */
    public boolean cancel(Task task, String why) {
        boolean cancelled = task.finish(TaskStatus.CANCELLED, null, 0, why, clock.instant());
        if (cancelled) {
            task.cancellation().cancel(why);
        }
        return cancelled;
    }

    /**
     * Forgets a task at once (a call that finished before it had to become a task: nobody will ask for it), cancelling
     * it first if it still works.
     */
    public void discard(Task task) {
        forget(task);
    }

    public Clock clock() {
        return clock;
    }

    /** How many tasks are held (working or kept). */
    public int size() {
        return tasks.size();
    }

    /** Bytes of results held. */
    public synchronized long resultBytes() {
        return resultBytes;
    }

    /** Forgets tasks past their TTL; a working one is cancelled first so its work stops. Returns how many went. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int removed = 0;
        for (Task task : tasks.values()) {
            if (!now.isBefore(task.expiresAt())) {
                forget(task);
                removed++;
            }
        }
        return removed;
    }

    private void forget(Task task) {
        if (tasks.remove(task.id(), task)) {
            cancel(task, "the task expired");
            synchronized (this) {
                resultBytes -= task.outcomeBytes();
            }
        }
    }

    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
