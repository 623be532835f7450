package io.msbmcp.wrapper.exec;

import java.time.Duration;

/**
 * What one REPL run produced, after the runner's markers are taken out and the streams capped.
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param raised true when the code raised an uncaught error (an interrupt shows as KeyboardInterrupt and counts)
 * @param timedOut true when the run hit its timeout
 * @param engineDead true when the REPL process is gone ({@code Error: Engine unavailable: ...}): the legacy portal
 *     never restarts it, so every later run in that sandbox would fail the same way
 * @param truncated true when a stream was capped
 * @param elapsedMillis wall time of the call
 * @param stoppedBy why the watchdog stopped the run, or {@link RunGuard.Stop#NONE}
 * @param stillRunning true when the code may still run in the sandbox: the interrupt did not end it within the grace
 *     (the run was abandoned), or the legacy server's own timeout answered while the code went on
 */
public record CodeOutcome(
        String stdout,
        String stderr,
        boolean raised,
        boolean timedOut,
        boolean engineDead,
        boolean truncated,
        long elapsedMillis,
        RunGuard.Stop stoppedBy,
        boolean stillRunning) {
    /** An abandoned run: the interrupt did not end it, nothing came back. */
    static CodeOutcome abandoned(RunGuard.Stop stoppedBy, Duration timeout, long elapsedMillis) {
        String note = stoppedBy == RunGuard.Stop.TIMEOUT
                ? "Execution timed out after " + timeout.toSeconds() + " seconds and could not be interrupted"
                : "Execution was cancelled and could not be interrupted";
        return new CodeOutcome(
                "", note, false, stoppedBy == RunGuard.Stop.TIMEOUT, false, false, elapsedMillis, stoppedBy, true);
    }

    public boolean success() {
        return !raised && !timedOut && !engineDead && stoppedBy == RunGuard.Stop.NONE;
    }

    /** True when the caller cancelled the run. */
    public boolean cancelled() {
        return stoppedBy == RunGuard.Stop.CANCEL;
    }

    /** True when the sandbox must be restarted: the code may still run, or the interpreter is gone. */
    public boolean needsReset() {
        return stillRunning || engineDead;
    }
}
