package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A task as JSON, in the field names of either generation ({@code ttl}/{@code pollInterval} or {@code ...Ms}). */
final class TaskWire {
    /** How often clients are asked to poll a working task. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private TaskWire() {}

    /** The task's fields into {@code node}; {@code millisSuffix} for 2026-07-28 ({@code ttlMs}, {@code pollIntervalMs}). */
    static ObjectNode fields(ObjectNode node, Task task, Instant now, boolean millisSuffix) {
        Task.Snapshot snapshot = task.snapshot();
        node.put("taskId", task.id());
        node.put("status", snapshot.status().wireName());
        String message = snapshot.statusMessageAt(now);
        if (message != null) {
            node.put("statusMessage", message);
        }
        node.put("createdAt", iso(task.createdAt()));
        node.put("lastUpdatedAt", iso(snapshot.lastUpdatedAt()));
        node.put(millisSuffix ? "ttlMs" : "ttl", task.ttl().toMillis());
        if (!snapshot.status().isTerminal()) {
            node.put(millisSuffix ? "pollIntervalMs" : "pollInterval", POLL_INTERVAL.toMillis());
        }
        return node;
    }

    static ObjectNode fields(ObjectMapper mapper, Task task, Instant now, boolean millisSuffix) {
        return fields(mapper.createObjectNode(), task, now, millisSuffix);
    }

    /** ISO 8601 in UTC with milliseconds, e.g. {@code 2026-11-30T12:00:00.123Z}. */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
