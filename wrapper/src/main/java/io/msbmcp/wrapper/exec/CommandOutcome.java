package io.msbmcp.wrapper.exec;

import org.jspecify.annotations.Nullable;

/**
 * What one command run produced.
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param exitCode the exit code, or null when the command timed out and was killed
 * @param timedOut true when the command hit its timeout
 * @param truncated true when a stream was capped
 * @param elapsedMillis wall time of the call
 */
public record CommandOutcome(
        String stdout,
        String stderr,
        @Nullable Integer exitCode,
        boolean timedOut,
        boolean truncated,
        long elapsedMillis) {
    public boolean success() {
        return !timedOut && exitCode != null && exitCode == 0;
    }
}
