package io.msbmcp.wrapper.files;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The answer of one file call: the session it ran in and either its value or the file system's refusal.
 *
 * @param sessionId the session
 * @param sessionCreated true when this call created the session (uploads only)
 * @param value the result, when the call succeeded
 * @param problem why the file system refused, when it did
 * @param <T> the result type
 */
public record FileOutcome<T>(
        String sessionId,
        boolean sessionCreated,
        @Nullable T value,
        @Nullable FileProblem problem) {
    public FileOutcome {
        requireNonNull(sessionId, "sessionId");
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of value and problem must be set");
        }
    }

    static <T> FileOutcome<T> ok(String sessionId, boolean created, T value) {
        return new FileOutcome<>(sessionId, created, value, null);
    }

    static <T> FileOutcome<T> refused(String sessionId, boolean created, FileProblem problem) {
        return new FileOutcome<>(sessionId, created, null, problem);
    }
}
