package io.msbmcp.adapter.task;

import io.msbmcp.wrapper.call.Cancellation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One task: a tool call running (or run) apart from the request that started it. The store creates it {@link
 * TaskStatus#WORKING}; the call's runner moves it to a terminal state once, with the result or error; a cancel moves
 * it to {@link TaskStatus#CANCELLED} and fires its {@link Cancellation}, which stops the work. Thread-safe.
 */
public final class Task {
    private final String id;
    private final TaskOwner owner;
    private final Instant createdAt;
    private final Duration ttl;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<Task> done = new CompletableFuture<>();
    private TaskStatus status = TaskStatus.WORKING;
    private @Nullable String statusMessage;
    private Instant lastUpdatedAt;
    private Instant phaseSince;
    private @Nullable Object outcome;
    private long outcomeBytes;

    Task(String id, TaskOwner owner, Instant createdAt, Duration ttl) {
        this.id = id;
        this.owner = owner;
        this.createdAt = createdAt;
        this.ttl = ttl;
        this.lastUpdatedAt = createdAt;
        this.phaseSince = createdAt;
    }

    public String id() {
        return id;
    }

    public TaskOwner owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Duration ttl() {
        return ttl;
    }

    /** When the store forgets the task and its result. */
    public Instant expiresAt() {
        return createdAt.plus(ttl);
    }

    /** Fired when the task is cancelled; the work listens to it. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Completes (with this task) when the task reaches a terminal state. */
    public CompletableFuture<Task> done() {
        return done;
    }

    /** A consistent copy of the changing fields. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(status, statusMessage, lastUpdatedAt, outcome, phaseSince);
    }

    public synchronized TaskStatus status() {
        return status;
    }

    synchronized long outcomeBytes() {
        return outcomeBytes;
    }

    /** Sets the status message of a working task ("running, 40 s"); ignored once terminal. */
    public void statusMessage(String message, Instant now) {
        synchronized (this) {
            if (status.isTerminal()) {
                return;
            }
            if (!message.equals(statusMessage)) {
                phaseSince = now;
            }
            statusMessage = message;
            lastUpdatedAt = now;
        }
    }

    /**
     * Moves a working task to {@code terminal} with its outcome (a result or an error object), once. False when the
     * task was terminal already (e.g. cancelled while the result was on its way).
     */
    boolean finish(TaskStatus terminal, @Nullable Object result, long bytes, @Nullable String message, Instant now) {
        synchronized (this) {
            if (status.isTerminal()) {
                return false;
            }
            status = terminal;
            outcome = result;
            outcomeBytes = bytes;
            if (message != null) {
                statusMessage = message;
            }
            lastUpdatedAt = now;
        }
        done.complete(this);
        return true;
    }

    /**
     * The changing part of a task at one moment.
     *
     * @param status the state
     * @param statusMessage what the task is doing or why it ended, or null
     * @param lastUpdatedAt when the state or message last changed
     * @param outcome the tool result ({@code completed}) or error ({@code failed}), or null
     * @param phaseSince when the current status message was first set (to show how long a phase has lasted)
     */
    public record Snapshot(
            TaskStatus status,
            @Nullable String statusMessage,
            Instant lastUpdatedAt,
            @Nullable Object outcome,
            Instant phaseSince) {

        /**
         * The status message as clients see it: a working task's phase with the time spent in it ("running, 40 s"),
         * or the message as it is.
         */
        public @Nullable String statusMessageAt(Instant now) {
            if (statusMessage == null || status.isTerminal()) {
                return statusMessage;
            }
            long seconds = java.time.Duration.between(phaseSince, now).toSeconds();
            return seconds >= 1 ? statusMessage + ", " + seconds + " s" : statusMessage;
        }
    }
}
