package io.msbmcp.adapter.task;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How many tasks the store keeps and for how long.
 *
 * @param defaultTtl how long a task and its result are kept after creation when the client asks for no TTL
 *     ({@code MCP_TASK_TTL})
 * @param maxTtl the longest TTL a client may ask for; longer requests are cut to it
 * @param maxTasks how many tasks (working or kept) the store holds at once
 * @param maxResultBytes how many bytes of serialized results the store holds at once
 */
public record TaskLimits(Duration defaultTtl, Duration maxTtl, int maxTasks, long maxResultBytes) {
    public TaskLimits {
        requireNonNull(defaultTtl, "defaultTtl");
        requireNonNull(maxTtl, "maxTtl");
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("defaultTtl must be positive");
        }
        if (maxTtl.compareTo(defaultTtl) < 0) {
            throw new IllegalArgumentException("maxTtl must be at least defaultTtl");
        }
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1");
        }
        if (maxResultBytes < 1) {
            throw new IllegalArgumentException("maxResultBytes must be at least 1");
        }
    }

    /** One hour by default and at most a day; 1,000 tasks; 256 MiB of results. */
    public static TaskLimits defaults() {
        return new TaskLimits(Duration.ofHours(1), Duration.ofDays(1), 1_000, 256L * 1024 * 1024);
    }
}
