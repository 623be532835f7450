package io.msbmcp.adapter.task;

import io.msbmcp.errors.JsonRpcCodes;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code tasks/*} request the task methods answer with a JSON-RPC error: an unknown task (also what a task of another
 * caller looks like), bad params, or the stored error of a failed task. The message is shown to the client as is.
 */
public final class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient @Nullable Object data;

    private TaskException(int code, String message, @Nullable Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** -32602: no task {@code taskId} for this caller (never created, expired, or someone else's). */
    public static TaskException unknownTask(String taskId) {
        return new TaskException(
                JsonRpcCodes.INVALID_PARAMS,
                "Invalid params: unknown task '" + abbreviate(taskId) + "' (never created for this caller, or expired"
                        + " after its TTL)",
                Map.of("taskId", abbreviate(taskId)));
    }

    /** -32602 for params of the wrong shape. */
    public static TaskException invalidParams(String what) {
        return new TaskException(JsonRpcCodes.INVALID_PARAMS, "Invalid params: " + what, null);
    }

    /** Any other error, e.g. the one a failed task's call ended with. */
    public static TaskException of(int code, String message, @Nullable Object data) {
        return new TaskException(code, message, data);
    }

    public int code() {
        return code;
    }

    public @Nullable Object data() {
        return data;
    }

    static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }
}
