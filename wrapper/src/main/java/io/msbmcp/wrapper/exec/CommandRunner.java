package io.msbmcp.wrapper.exec;

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
 * Runs a shell line in a session's sandbox with {@code sandbox.command.run}. The legacy server kills a command that
 * outlives its timeout and answers HTTP 500, exactly as for any other failure; a 500 that arrives after the timeout
 * has passed is therefore read as the timeout.
 */
public final class CommandRunner {
    /** A 500 this close to the timeout counts as the timeout (the server's clock starts a little after ours). */
    private static final Duration TIMEOUT_SLACK = Duration.ofMillis(250);

    private final MicrosandboxClient client;
    private final String namespace;
    private final OutputCapper capper;

    public CommandRunner(MicrosandboxClient client, String namespace, OutputCapper capper) {
        this.client = client;
        this.namespace = namespace;
        this.capper = capper;
    }

    /** Runs {@code line}; the caller holds the session's lock and the sandbox runs. */
    public CommandOutcome run(
            Session session, String line, @Nullable String workdir, Map<String, String> env, Duration timeout) {
        ShellInvocation invocation = ShellInvocation.of(line, workdir, env);
        long started = System.nanoTime();
        CommandRunResult result;
        try {
            result = client.runCommand(new CommandRunParams(
                    session.sandboxName(), namespace, invocation.command(), invocation.args(), timeout.toSeconds()));
        } catch (SandboxApiException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (e.isServerError() && elapsed.compareTo(timeout.minus(TIMEOUT_SLACK)) >= 0) {
                return new CommandOutcome(
                        "",
                        "Command timed out after " + timeout.toSeconds() + " seconds and was killed",
                        null,
                        true,
                        false,
                        elapsed.toMillis());
            }
            throw e;
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        for (OutputLine output : result.lines()) {
            (output.isStderr() ? stderr : stdout).add(output.text() == null ? "" : output.text());
        }
        OutputCapper.Capped out = capper.cap(String.join("\n", stdout));
        OutputCapper.Capped err = capper.cap(String.join("\n", stderr));
        int exitCode = result.exitCode() != null ? result.exitCode() : (Boolean.TRUE.equals(result.success()) ? 0 : 1);
        return new CommandOutcome(out.text(), err.text(), exitCode, false, out.truncated() || err.truncated(), elapsed);
    }
}
