package io.msbmcp.adapter.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * How the work of a task ended: the tool call's result ({@code CallToolResult} as JSON, {@code isError} included) or
 * the JSON-RPC error object ({@code code}, {@code message}, {@code data}) it ended with. Exactly one is set.
 *
 * @param result the result, or null
 * @param error the error object, or null
 */
public record TaskOutcome(
        @Nullable ObjectNode result, @Nullable ObjectNode error) {
    public TaskOutcome {
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of result and error must be set");
        }
    }

    public static TaskOutcome ofResult(ObjectNode result) {
        return new TaskOutcome(result, null);
    }

    public static TaskOutcome ofError(ObjectNode error) {
        return new TaskOutcome(null, error);
    }
}
