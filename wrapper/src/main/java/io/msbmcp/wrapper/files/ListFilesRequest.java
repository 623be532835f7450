package io.msbmcp.wrapper.files;

import io.msbmcp.errors.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * What to list in a session's sandbox.
 *
 * @param path a directory (its entries) or a file (itself); null means the working directory
 * @param sessionId the session (required)
 * @param recursive whether to descend into subdirectories (up to {@link #MAX_DEPTH} levels)
 * @param maxEntries at most this many entries (1-{@link #MAX_ENTRIES}), default {@link #DEFAULT_ENTRIES}
 */
public record ListFilesRequest(@Nullable String path, String sessionId, boolean recursive, int maxEntries) {
    public static final int MAX_DEPTH = 20;
    public static final int DEFAULT_ENTRIES = 1000;
    public static final int MAX_ENTRIES = 10_000;

    public ListFilesRequest {
        if (path != null) {
            SandboxPaths.check(path, "path");
        }
        if (sessionId == null) {
            throw InvalidArgumentException.of("session_id", "is required");
        }
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw InvalidArgumentException.of(
                    "max_entries", "must be between 1 and " + MAX_ENTRIES + " (got " + maxEntries + ")");
        }
    }
}
