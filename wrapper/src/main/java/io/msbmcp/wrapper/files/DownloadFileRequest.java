package io.msbmcp.wrapper.files;

import static java.util.Objects.requireNonNull;

import io.msbmcp.errors.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * A file to read from a session's sandbox.
 *
 * @param path the file; relative paths resolve against the sandbox's working directory
 * @param sessionId the session (required; an unknown one is not found)
 * @param maxBytes return at most this many bytes (the head, {@code truncated} set); null means the whole file, which
 *     must then fit {@code MSB_MAX_FILE_BYTES}
 */
public record DownloadFileRequest(
        String path, String sessionId, @Nullable Long maxBytes) {
    public DownloadFileRequest {
        requireNonNull(path, "path");
        SandboxPaths.check(path, "path");
        if (sessionId == null) {
            throw InvalidArgumentException.of("session_id", "is required");
        }
        if (maxBytes != null && maxBytes < 1) {
            throw InvalidArgumentException.of("max_bytes", "must be at least 1 (got " + maxBytes + ")");
        }
    }
}
