package io.msbmcp.wrapper;

import io.msbmcp.wrapper.files.ArtifactFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What running code produced. {@code success} is false when the code raised an uncaught error, timed out or ended the
 * interpreter; output on stderr alone (a warning) is not a failure.
 *
 * @param sessionId the session the code ran in
 * @param sessionCreated true when this call created the session (so any earlier state under that id is gone)
 * @param template the session's template
 * @param flavor the session's flavor
 * @param stdout standard output, capped at {@code MSB_MAX_OUTPUT_BYTES} (head and tail kept)
 * @param stderr standard error (tracebacks land here), capped likewise
 * @param success true when the code ran to completion without an uncaught error
 * @param executionTimeMs wall time of the run in milliseconds
 * @param truncated true when stdout or stderr was capped
 * @param timedOut true when the run hit its timeout (it was interrupted; unless {@code sessionReset}, the session's state
 *     is kept)
 * @param sessionReset true when the session's sandbox was restarted (state is gone): the code could not be interrupted
 *     after its timeout, its interpreter exited, or an earlier call on the session was cancelled and its work could not
 *     be stopped
 * @param resetReason why the session's state is gone, when {@code sessionReset} is true; null otherwise
 * @param files files the run created or changed under the working directory (empty when the scan is off)
 */
public record CodeExecutionResult(
        String sessionId,
        boolean sessionCreated,
        Template template,
        Flavor flavor,
        String stdout,
        String stderr,
        boolean success,
        long executionTimeMs,
        boolean truncated,
        boolean timedOut,
        boolean sessionReset,
        @Nullable String resetReason,
        List<ArtifactFile> files) {
    public CodeExecutionResult {
        files = List.copyOf(files);
    }

    /** A result without a reset reason and without files. */
    public CodeExecutionResult(
            String sessionId,
            boolean sessionCreated,
            Template template,
            Flavor flavor,
            String stdout,
            String stderr,
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
                stdout,
                stderr,
                success,
                executionTimeMs,
                truncated,
                timedOut,
                sessionReset,
                null,
                List.of());
    }

    /** This result with the files the run created or changed. */
    public CodeExecutionResult withFiles(List<ArtifactFile> newFiles) {
        return new CodeExecutionResult(
                sessionId,
                sessionCreated,
                template,
                flavor,
                stdout,
                stderr,
                success,
                executionTimeMs,
                truncated,
                timedOut,
                sessionReset,
                resetReason,
                newFiles);
    }
}
