package io.msbmcp.adapter.task;

import io.msbmcp.wrapper.call.CallContext;

/** The work of a task: one tool call, run on the task executor with the task's own {@link CallContext}. */
@FunctionalInterface
public interface TaskWork {
    /**
     * Runs the call. {@code call} carries the task's cancellation (fired by a cancel or expiry) and a progress listener
     * that keeps the task's status message current.
     */
    TaskOutcome run(CallContext call);
}
