package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs code in a session's REPL with {@code sandbox.repl.run} and reads the result: output lines split by stream,
 * the runner's failure mark, the legacy server's timeout line ({@code Error: Execution timed out after N seconds}) and
 * its dead-REPL line ({@code Error: Engine unavailable: Python process channel closed}, when the code ended the
 * interpreter, e.g. with {@code os._exit}).
 *
 * <p>The run's timeout and its caller's cancellation are enforced by the {@link Watchdog}: it interrupts the code with
 * SIGINT (see {@link Interrupts}) and abandons the run only when that does not end it within the grace. The server is
 * given a later timeout, so that its own (which leaves the code running) never comes first.
 */
public final class CodeRunner {
    private static final Pattern TIMEOUT_LINE = Pattern.compile("^Error: Execution timed out after \\d+ seconds$");
    private static final Pattern ENGINE_UNAVAILABLE_LINE = Pattern.compile("^Error: Engine unavailable: .*$");

    private final MicrosandboxClient client;
    private final String namespace;
    private final OutputCapper capper;
    private final Watchdog watchdog;
    private final Interrupts interrupts;

    public CodeRunner(
            MicrosandboxClient client,
            String namespace,
            OutputCapper capper,
            Watchdog watchdog,
            Interrupts interrupts) {
        this.client = client;
        this.namespace = namespace;
        this.capper = capper;
        this.watchdog = watchdog;
        this.interrupts = interrupts;
    }

    /**
     * Runs {@code code} until it ends, its {@code timeout} passes or {@code cancellation} fires; the caller holds the
     * session's lock and the sandbox runs.
     */
    public CodeOutcome run(Session session, String code, Duration timeout, Cancellation cancellation) {
        String runId = Interrupts.newRunId();
        String mark = "__msb_failed_" + runId;
        String line =
                ReplScripts.line(session.template(), code, mark, session.packagePaths(), Interrupts.replPidFile(runId));
        String sandbox = session.sandboxName();
        ReplRunParams params = new ReplRunParams(
                sandbox, namespace, session.template().replLanguage(), line, watchdog.serverTimeoutSeconds(timeout));
        long started = System.nanoTime();
        ReplRunResult result;
        RunGuard.Stop stoppedBy;
        try (RunGuard guard = watchdog.watch(timeout, cancellation, () -> interrupts.interruptCode(sandbox, runId))) {
            try {
                result = client.runRepl(params, guard.abort());
            } catch (RuntimeException e) {
                if (guard.abandoned()) {
                    return CodeOutcome.abandoned(guard.stop(), timeout, millisSince(started));
                }
                throw e;
            }
            stoppedBy = guard.stop();
        }
        long elapsed = millisSince(started);

        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        boolean raised = false;
        for (OutputLine output : result.lines()) {
            String text = output.text() == null ? "" : output.text();
            if (output.isStderr()) {
                stderr.add(text);
            } else if (text.stripTrailing().endsWith(mark)) {
                // the mark ends its line; output the code printed without a newline stands before it
                raised = true;
                String before = text.stripTrailing();
                before = before.substring(0, before.length() - mark.length());
                if (!before.isEmpty()) {
                    stdout.add(before);
                }
            } else {
                stdout.add(text);
            }
        }
        String lastStderr = stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
        boolean serverTimedOut = TIMEOUT_LINE.matcher(lastStderr).matches();
        boolean engineDead =
                !raised && ENGINE_UNAVAILABLE_LINE.matcher(lastStderr).matches();
        OutputCapper.Capped out = capper.cap(String.join("\n", stdout));
        OutputCapper.Capped err = capper.cap(String.join("\n", stderr));
        return new CodeOutcome(
                out.text(),
                err.text(),
                raised,
                serverTimedOut || stoppedBy == RunGuard.Stop.TIMEOUT,
                engineDead,
                out.truncated() || err.truncated(),
                elapsed,
                stoppedBy,
                serverTimedOut);
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
