package io.msbmcp.adapter.task;

import io.msbmcp.wrapper.call.ProgressListener;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The progress listener a task's work reports to: each phase becomes the task's status message ("installing packages";
 * the time spent in it is added when the task is shown). While a request still waits for the call (the grace period of
 * a 2026-07-28 call, before it becomes a task), phases are passed on to that request's own listener too.
 */
final class TaskProgress implements ProgressListener {
    /** The status message of a task before its work reports a phase. */
    static final String INITIAL_PHASE = "working";

    private final Task task;
    private final Clock clock;
    private volatile @Nullable ProgressListener follower;

    TaskProgress(Task task, Clock clock) {
        this.task = task;
        this.clock = clock;
        task.statusMessage(INITIAL_PHASE, clock.instant());
    }

    @Override
    public void phase(String message) {
        if (message.isBlank()) {
            return;
        }
        task.statusMessage(message.strip(), clock.instant());
        ProgressListener current = follower;
        if (current != null) {
            current.phase(message);
        }
    }

    /** Passes phases on to {@code listener} until the returned handle is closed. */
    Following follow(ProgressListener listener) {
        follower = listener;
        return () -> follower = null;
    }

    /** A follower's registration. */
    @FunctionalInterface
    interface Following extends AutoCloseable {
        @Override
        void close();
    }
}
