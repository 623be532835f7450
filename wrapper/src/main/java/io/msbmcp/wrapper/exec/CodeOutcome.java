package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.files.ArtifactFile;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * @param stateLost true when the runner found the REPL without the session's state marker and ran nothing: the REPL
 *     was replaced behind msb-mcp's back
 * @param stateMarker the marker the REPL holds after this run (the session keeps it for the next run's check), or null
 *     when the state was lost or the run was abandoned
 * @param files the files the code created or changed, as the runner reported them; empty when the scan was off, failed
 *     or printed nothing
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
        boolean stillRunning,
        boolean stateLost,
        @Nullable String stateMarker,
        List<ArtifactFile> files) {
    public CodeOutcome {
        files = List.copyOf(files);
    }

    /** The REPL was replaced: nothing ran. */
    static CodeOutcome lost(long elapsedMillis) {
        return new CodeOutcome(
                "", "", false, false, false, false, elapsedMillis, RunGuard.Stop.NONE, false, true, null, List.of());
    }

    /** An abandoned run: the interrupt did not end it, nothing came back. */
    static CodeOutcome abandoned(RunGuard.Stop stoppedBy, Duration timeout, long elapsedMillis) {
        String note = stoppedBy == RunGuard.Stop.TIMEOUT
                ? "Execution timed out after " + timeout.toSeconds() + " seconds and could not be interrupted"
                : "Execution was cancelled and could not be interrupted";
        return new CodeOutcome(
                "",
                note,
                false,
                stoppedBy == RunGuard.Stop.TIMEOUT,
                false,
                false,
                elapsedMillis,
                stoppedBy,
                true,
                false,
                null,
                List.of());
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
