package io.msbmcp.wrapper;

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
        boolean sessionReset) {}
