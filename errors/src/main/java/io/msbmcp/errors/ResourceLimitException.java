package io.msbmcp.errors;

import java.util.List;

/**
 * A resource limit was hit: a new session or task would exceed a limit (reusing an existing session is never refused
 * for limits), or a file is larger than {@code MSB_MAX_FILE_BYTES}.
 */
public final class ResourceLimitException extends MsbException {
    private static final long serialVersionUID = 1L;

    private ResourceLimitException(String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.RESOURCE_LIMIT_EXCEEDED, message, suggestions, context, null);
    }

    /** {@code MSB_MAX_SESSIONS} sessions are already live. */
    public static ResourceLimitException sessionLimit(int activeSessions, int maxSessions) {
        return new ResourceLimitException(
                "Resource limit exceeded: maximum number of sessions reached (" + activeSessions + " of " + maxSessions
                        + ")",
                List.of(
                        "Stop a session you no longer need with the stop_session tool",
                        "Reuse an existing session by passing its session_id (get_sessions lists them)",
                        "Wait for idle sessions to expire, or ask the operator to raise MSB_MAX_SESSIONS"),
                context("active_sessions", activeSessions, "max_sessions", maxSessions));
    }

    /** The caller already holds {@code MSB_MAX_SESSIONS_PER_PRINCIPAL} sessions. */
    public static ResourceLimitException principalSessionLimit(int ownSessions, int maxPerPrincipal) {
        return new ResourceLimitException(
                "Resource limit exceeded: you already hold " + ownSessions + " of the " + maxPerPrincipal
                        + " sessions one caller may hold",
                List.of(
                        "Stop a session you no longer need with the stop_session tool",
                        "Reuse an existing session by passing its session_id (get_sessions lists yours)",
                        "Ask the operator to raise MSB_MAX_SESSIONS_PER_PRINCIPAL"),
                context("own_sessions", ownSessions, "max_sessions_per_principal", maxPerPrincipal));
    }

    /** The task store holds its maximum number of tasks. */
    public static ResourceLimitException taskLimit(int tasks, int maxTasks) {
        return new ResourceLimitException(
                "Resource limit exceeded: the server holds its maximum number of tasks (" + tasks + " of " + maxTasks
                        + ")",
                List.of(
                        "Fetch the results of finished tasks and let them expire, or cancel tasks you no longer need",
                        "Call the tool without a task (leave out params.task)",
                        "Wait for finished tasks to expire (their TTL), then try again"),
                context("tasks", tasks, "max_tasks", maxTasks));
    }

    /** The memory of the requested flavor does not fit under {@code MSB_MAX_TOTAL_MEMORY_MB}. */
    public static ResourceLimitException memoryLimit(String flavor, int requestedMb, long currentMb, long limitMb) {
        return new ResourceLimitException(
                "Resource limit exceeded: a '" + flavor + "' session needs " + requestedMb + " MiB but " + currentMb
                        + " of " + limitMb + " MiB are already in use",
                List.of(
                        "Use a smaller resource flavor (small needs 1024 MiB)",
                        "Stop sessions you no longer need with the stop_session tool",
                        "Ask the operator to raise MSB_MAX_TOTAL_MEMORY_MB"),
                context(
                        "flavor",
                        flavor,
                        "requested_memory_mb",
                        requestedMb,
                        "current_memory_mb",
                        currentMb,
                        "limit_memory_mb",
                        limitMb));
    }

    /**
     * A file is larger than {@code MSB_MAX_FILE_BYTES}; refused before any of its bytes moved.
     *
     * @param direction {@code upload} or {@code download}
     * @param subject the path, or the argument that holds the content
     */
    public static ResourceLimitException fileTooLarge(
            String direction, String subject, long sizeBytes, long limitBytes) {
        boolean download = direction.equals("download");
        return new ResourceLimitException(
                "Resource limit exceeded: the " + direction + " of '" + subject + "' is " + sizeBytes
                        + " bytes, more than the " + limitBytes + " bytes one file may have (MSB_MAX_FILE_BYTES)",
                download
                        ? List.of(
                                "Pass max_bytes to get the head of the file only",
                                "Split or compress the file in the sandbox (execute_command 'split -b 16M FILE' or"
                                        + " 'gzip FILE') and download the parts",
                                "Ask the operator to raise MSB_MAX_FILE_BYTES")
                        : List.of(
                                "Split or compress the file and upload the parts, then join them with execute_command"
                                        + " ('cat part.* > FILE')",
                                "Ask the operator to raise MSB_MAX_FILE_BYTES"),
                context(
                        "direction",
                        direction,
                        "subject",
                        subject,
                        "size_bytes",
                        sizeBytes,
                        "limit_bytes",
                        limitBytes));
    }
}
