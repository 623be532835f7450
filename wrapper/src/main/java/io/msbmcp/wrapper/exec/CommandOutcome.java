package io.msbmcp.wrapper.exec;

import org.jspecify.annotations.Nullable;

/**
 * What one command run produced.
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param exitCode the exit code, or null when the command was stopped (timeout or cancel) and killed
 * @param timedOut true when the command hit its timeout
 * @param truncated true when a stream was capped
 * @param elapsedMillis wall time of the call
 * @param stoppedBy why the watchdog stopped the command, or {@link RunGuard.Stop#NONE}
 * @param stillRunning true when ending the command's process group did not end the run within the grace, so the
 *     sandbox must be restarted
 */
public record CommandOutcome(
        String stdout,
        String stderr,
        @Nullable Integer exitCode,
        boolean timedOut,
        boolean truncated,
        long elapsedMillis,
        RunGuard.Stop stoppedBy,
        boolean stillRunning) {
    public boolean success() {
        return !timedOut && stoppedBy == RunGuard.Stop.NONE && exitCode != null && exitCode == 0;
    }

    /** True when the caller cancelled the command. */
    public boolean cancelled() {
        return stoppedBy == RunGuard.Stop.CANCEL;
    }
}
