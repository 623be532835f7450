package io.msbmcp.wrapper;

import io.msbmcp.wrapper.files.ArtifactFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What running a command produced. {@code success} is true only for exit code 0 without timeout.
 *
 * @param sessionId the session the command ran in
 * @param sessionCreated true when this call created the session
 * @param template the session's template
 * @param flavor the session's flavor
 * @param command the shell line as given
 * @param stdout standard output, capped at {@code MSB_MAX_OUTPUT_BYTES} (head and tail kept)
 * @param stderr standard error, capped likewise
 * @param exitCode the exit code; null when the command timed out and was killed
 * @param success true when the exit code is 0
 * @param executionTimeMs wall time of the run in milliseconds
 * @param truncated true when stdout or stderr was capped
 * @param timedOut true when the command hit its timeout and was killed
 * @param sessionReset true when the session's sandbox was restarted (state is gone): this command could not be ended
 *     after its timeout, or an earlier call on the session was cancelled and its work could not be stopped
 * @param files files the run created or changed under the working directory (empty when the scan is off)
 */
public record CommandExecutionResult(
        String sessionId,
        boolean sessionCreated,
        Template template,
        Flavor flavor,
        String command,
        String stdout,
        String stderr,
        @Nullable Integer exitCode,
        boolean success,
        long executionTimeMs,
        boolean truncated,
        boolean timedOut,
        boolean sessionReset,
        List<ArtifactFile> files) {
    public CommandExecutionResult {
        files = List.copyOf(files);
    }

    /** A result without files (the artifact scan was off or found nothing). */
    public CommandExecutionResult(
            String sessionId,
            boolean sessionCreated,
            Template template,
            Flavor flavor,
            String command,
            String stdout,
            String stderr,
            @Nullable Integer exitCode,
            boolean success,
            long executionTimeMs,
            boolean truncated,
            boolean timedOut,
            boolean sessionReset) {
        this(
                sessionId,
                sessionCreated,
                template,
                flavor,
                command,
                stdout,
                stderr,
                exitCode,
                success,
                executionTimeMs,
                truncated,
                timedOut,
                sessionReset,
                List.of());
    }

    /** This result with the files the run created or changed. */
    public CommandExecutionResult withFiles(List<ArtifactFile> newFiles) {
        return new CommandExecutionResult(
                sessionId,
                sessionCreated,
                template,
                flavor,
                command,
                stdout,
                stderr,
                exitCode,
                success,
                executionTimeMs,
                truncated,
                timedOut,
                sessionReset,
                newFiles);
    }
}
