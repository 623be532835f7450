package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.msbmcp.wrapper.files.FileProblem;

/** The results the file tools share: the file system's refusal as an {@code isError} result the agent can act on. */
final class FileResults {
    private FileResults() {}

    /**
     * A refusal (missing file, a directory where a file was expected, ...) as a result with {@code isError}: the model
     * sees the message and the hint and can fix the path. No structured content: the output schema describes success.
     */
    static CallToolResult refused(FileProblem problem, String sessionId, boolean created) {
        String text = problem.message() + "\n[hint: " + problem.suggestion() + "]\n[session: " + sessionId
                + (created ? " (created)" : "") + "]";
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    /** {@code 1.5 MiB}, {@code 12 KiB}, {@code 37 bytes}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
