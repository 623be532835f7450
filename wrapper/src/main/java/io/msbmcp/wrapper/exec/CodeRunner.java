package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.files.ArtifactFile;
import io.msbmcp.wrapper.files.RunnerScan;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs code in a session's REPL with {@code sandbox.repl.run} and reads the result: output lines split by stream,
 * the runner's failure mark, the legacy server's timeout line ({@code Error: Execution timed out after N seconds}) and
 * its dead-REPL line ({@code Error: Engine unavailable: Python process channel closed}, when the code ended the
 * interpreter, e.g. with {@code os._exit}).
 *
 * <p>The run's timeout and its caller's cancellation are enforced by the {@link Watchdog}: it interrupts the code with
 * SIGINT (see {@link Interrupts}) and abandons the run only when that does not end it within the grace. The server is
 * given a later timeout, so that its own (which leaves the code running) never comes first.
 *
 * <p>The same call checks the session's state and reports the files the code changed, so that a normal run is one
 * backend call: the runner compares the REPL's state marker with the session's (a REPL without it was replaced behind
 * our back, and nothing runs: {@link CodeOutcome#stateLost()}), and scans the working directory after the code (see
 * {@link RunnerScan}). Its tag lines are taken out of stdout before the output is capped; a run without them (a
 * backend that answers with fixed output) has its state intact and no files.
 */
public final class CodeRunner {
    private static final Logger logger = LoggerFactory.getLogger(CodeRunner.class);
    private static final Pattern TIMEOUT_LINE = Pattern.compile("^Error: Execution timed out after \\d+ seconds$");
    private static final Pattern ENGINE_UNAVAILABLE_LINE = Pattern.compile("^Error: Engine unavailable: .*$");

    private final MicrosandboxClient client;
    private final String namespace;
    private final OutputCapper capper;
    private final Watchdog watchdog;
    private final Interrupts interrupts;
    private final long maxInlineImageBytes;
    /** Half the watchdog's grace: the file scan's share of it (Duration's division goes through BigDecimal). */
    private final Duration scanGrace;

    public CodeRunner(
            MicrosandboxClient client,
            String namespace,
            OutputCapper capper,
            Watchdog watchdog,
            Interrupts interrupts,
            long maxInlineImageBytes) {
        this.client = client;
        this.namespace = namespace;
        this.capper = capper;
        this.watchdog = watchdog;
        this.interrupts = interrupts;
        this.maxInlineImageBytes = maxInlineImageBytes;
        this.scanGrace = watchdog.grace().dividedBy(2);
    }

    /**
     * Runs {@code code} until it ends, its {@code timeout} passes or {@code cancellation} fires; the caller holds the
     * session's lock and the sandbox runs. With a {@code stateMarker} (the one the REPL got on the session's last run),
     * the runner first checks that the REPL still holds it; with null (a sandbox whose REPL has none yet) it plants a
     * fresh one without checking. With {@code collectFiles}, the outcome carries the files the code changed.
     */
    public CodeOutcome run(
            Session session,
            String code,
            Duration timeout,
            Cancellation cancellation,
            @Nullable String stateMarker,
            boolean collectFiles) {
        String runId = Interrupts.newRunId();
        String marker = stateMarker != null ? stateMarker : Interrupts.newRunId();
        String scan = collectFiles ? RunnerScan.spec(maxInlineImageBytes, timeout.plus(scanGrace), scanGrace) : "";
        String line = ReplScripts.line(
                session.template(),
                code,
                runId,
                session.packagePaths(),
                Interrupts.replPidFile(runId),
                marker,
                stateMarker != null,
                scan);
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

        String mark = ReplScripts.failureMark(runId);
        String lostTag = ReplScripts.lostTag(runId);
        String filesTag = ReplScripts.filesTag(runId);
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        List<ArtifactFile> files = List.of();
        boolean raised = false;
        for (OutputLine output : result.lines()) {
            String text = output.text() == null ? "" : output.text();
            if (output.isStderr()) {
                stderr.add(text);
                continue;
            }
            if (text.strip().equals(lostTag)) {
                return CodeOutcome.lost(elapsed);
            }
            int tag = text.indexOf(filesTag);
            if (tag >= 0) {
                // the tag starts its line; output the code printed without a newline stands before it
                files = files(session, text.substring(tag + filesTag.length()));
                text = text.substring(0, tag);
                if (text.isEmpty()) {
                    continue;
                }
            }
            if (text.stripTrailing().endsWith(mark)) {
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
        boolean serverTimedOut =
                !lastStderr.isEmpty() && TIMEOUT_LINE.matcher(lastStderr).matches();
        boolean engineDead = !raised
                && !lastStderr.isEmpty()
                && ENGINE_UNAVAILABLE_LINE.matcher(lastStderr).matches();
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
                serverTimedOut,
                false,
                marker,
                files);
    }

    /** The files of the runner's report; a malformed one is logged and yields none (the run's result matters more). */
    private static List<ArtifactFile> files(Session session, String payload) {
        try {
            return RunnerScan.parse(payload);
        } catch (RuntimeException e) {
            logger.info("Unreadable file report of a run in session '{}': {}", session.id(), e.getMessage());
            return List.of();
        }
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
