package io.msbmcp.wrapper.exec;

/**
 * What one REPL run produced, after the runner's markers are taken out and the streams capped.
 *
 * @param stdout standard output
 * @param stderr standard error
 * @param raised true when the code raised an uncaught error
 * @param timedOut true when the REPL reported the run's timeout
 * @param engineDead true when the REPL process is gone ({@code Error: Engine unavailable: ...}): the legacy portal
 *     never restarts it, so every later run in that sandbox would fail the same way
 * @param truncated true when a stream was capped
 * @param elapsedMillis wall time of the call
 */
public record CodeOutcome(
        String stdout,
        String stderr,
        boolean raised,
        boolean timedOut,
        boolean engineDead,
        boolean truncated,
        long elapsedMillis) {
    public boolean success() {
        return !raised && !timedOut && !engineDead;
    }
}
