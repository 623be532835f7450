package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;

/**
 * Tasks for the protocol engine: one {@link TaskRunner} over one {@link TaskStore}, and the two wire generations on
 * top. Close it when the server stops.
 *
 * @param runner runs calls as tasks
 * @param generationA the 2025-11-25 methods
 * @param generationB the 2026-07-28 extension's methods
 */
public record TaskEngine(TaskRunner runner, GenerationA generationA, GenerationB generationB) implements AutoCloseable {

    /** Tasks kept within {@code limits}; a 2026-07-28 call becomes a task after {@code after}. */
    public static TaskEngine create(TaskLimits limits, Duration after, ObjectMapper mapper, Clock clock) {
        TaskRunner runner = new TaskRunner(new TaskStore(clock, limits), mapper);
        return new TaskEngine(runner, new GenerationA(runner, mapper), new GenerationB(runner, mapper, after));
    }

    /** Forgets expired tasks (cancelling any still working); returns how many went. */
    public int sweep() {
        return runner.store().sweepExpired();
    }

    @Override
    public void close() {
        runner.close();
    }
}
