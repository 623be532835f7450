package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs a shell line in a session's sandbox with {@code sandbox.command.run}, as the leader of its own process group
 * ({@link ShellInvocation#inOwnGroup}). The run's timeout and its caller's cancellation are enforced by the {@link
 * Watchdog}, which ends the whole group (TERM, then KILL) from a second command, so output written before the end
 * comes back; only a command the group kill cannot end within the grace is abandoned. The server gets a later timeout
 * as a backstop: it kills only the direct child and answers HTTP 500, exactly as for any other failure, so a 500 that
 * arrives after the timeout has passed is read as the timeout.
 */
public final class CommandRunner {
    /** A 500 this close to the timeout counts as the timeout (the server's clock starts a little after ours). */
    private static final Duration TIMEOUT_SLACK = Duration.ofMillis(250);

    private final MicrosandboxClient client;
    private final String namespace;
    private final OutputCapper capper;

    private final Watchdog watchdog;
    private final Interrupts interrupts;

    public CommandRunner(
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
     * Runs {@code line} until it ends, its {@code timeout} passes or {@code cancellation} fires; the caller holds the
     * session's lock and the sandbox runs.
     */
    public CommandOutcome run(
            Session session,
            String line,
            @Nullable String workdir,
            Map<String, String> env,
            Duration timeout,
            Cancellation cancellation) {
        String runId = Interrupts.newRunId();
        ShellInvocation invocation =
                ShellInvocation.of(line, workdir, env).inOwnGroup(Interrupts.commandPidFile(runId));
        String sandbox = session.sandboxName();
        CommandRunParams params = new CommandRunParams(
                sandbox, namespace, invocation.command(), invocation.args(), watchdog.serverTimeoutSeconds(timeout));
        long started = System.nanoTime();
        CommandRunResult result;
        RunGuard.Stop stoppedBy;
        try (RunGuard guard = watchdog.watch(timeout, cancellation, () -> interrupts.endCommand(sandbox, runId))) {
            try {
                result = client.runCommand(params, guard.abort());
            } catch (SandboxApiException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (guard.stop() != RunGuard.Stop.NONE
                        || (e.isServerError() && elapsed.compareTo(timeout.minus(TIMEOUT_SLACK)) >= 0)) {
                    RunGuard.Stop stop = guard.stop() == RunGuard.Stop.NONE ? RunGuard.Stop.TIMEOUT : guard.stop();
                    return stopped("", "", stop, timeout, elapsed.toMillis(), false);
                }
                throw e;
            } catch (RuntimeException e) {
                if (guard.abandoned()) {
                    return stopped("", "", guard.stop(), timeout, millisSince(started), true);
                }
                throw e;
            }
            stoppedBy = guard.stop();
        }
        long elapsed = millisSince(started);
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        for (OutputLine output : result.lines()) {
            (output.isStderr() ? stderr : stdout).add(output.text() == null ? "" : output.text());
        }
        if (stoppedBy != RunGuard.Stop.NONE) {
            return stopped(String.join("\n", stdout), String.join("\n", stderr), stoppedBy, timeout, elapsed, false);
        }
        OutputCapper.Capped out = capper.cap(String.join("\n", stdout));
        OutputCapper.Capped err = capper.cap(String.join("\n", stderr));
        int exitCode = result.exitCode() != null ? result.exitCode() : (Boolean.TRUE.equals(result.success()) ? 0 : 1);
        return new CommandOutcome(
                out.text(),
                err.text(),
                exitCode,
                false,
                out.truncated() || err.truncated(),
                elapsed,
                RunGuard.Stop.NONE,
                false);
    }

    private CommandOutcome stopped(
            String stdout,
            String stderr,
            RunGuard.Stop stop,
            Duration timeout,
            long elapsedMillis,
            boolean stillRunning) {
        String note = stop == RunGuard.Stop.TIMEOUT
                ? "Command timed out after " + timeout.toSeconds() + " seconds and was killed"
                : "Command was cancelled and killed";
        if (stillRunning) {
            note = stop == RunGuard.Stop.TIMEOUT
                    ? "Command timed out after " + timeout.toSeconds() + " seconds and could not be killed"
                    : "Command was cancelled and could not be killed";
        }
        OutputCapper.Capped out = capper.cap(stdout);
        OutputCapper.Capped err = capper.cap(stderr.isEmpty() ? note : stderr + "\n" + note);
        return new CommandOutcome(
                out.text(),
                err.text(),
                null,
                stop == RunGuard.Stop.TIMEOUT,
                out.truncated() || err.truncated(),
                elapsedMillis,
                stop,
                stillRunning);
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
