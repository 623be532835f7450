package io.msbmcp.wrapper.exec;

import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.wrapper.Template;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@code dependencies} into a session's sandbox, each package once per sandbox: pip into {@code
 * .msb-mcp/python} under the sandbox's working directory, npm into {@code node_modules} there. Package names are passed
 * as separate arguments ({@code "$@"}), never spliced into the shell line. The install prints the absolute package
 * folder, which the REPL runner then puts on its module path. The install runs in its own process group under the
 * {@link Watchdog}, like a command, so a timeout or a cancel ends it.
 */
public final class DependencyInstaller {
    private static final Logger logger = LoggerFactory.getLogger(DependencyInstaller.class);
    private static final String PATH_PREFIX = "__MSB_PACKAGES__=";
    private static final int DETAIL_CHARS = 2000;

    static final String PIP_SCRIPT = "mkdir -p .msb-mcp/python && PIP_BREAK_SYSTEM_PACKAGES=1"
            + " PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install --no-input --quiet --target .msb-mcp/python"
            + " \"$@\" && printf '" + PATH_PREFIX + "%s\\n' \"$PWD/.msb-mcp/python\"";
    static final String NPM_SCRIPT = "npm install --no-audit --no-fund --no-save --no-package-lock --loglevel=error"
            + " \"$@\" && printf '" + PATH_PREFIX + "%s\\n' \"$PWD/node_modules\"";

    private final MicrosandboxClient client;
    private final String namespace;
    private final Watchdog watchdog;
    private final Interrupts interrupts;

    public DependencyInstaller(MicrosandboxClient client, String namespace, Watchdog watchdog, Interrupts interrupts) {
        this.client = client;
        this.namespace = namespace;
        this.watchdog = watchdog;
        this.interrupts = interrupts;
    }

    /** The requested packages the session does not have yet, each once; the caller holds the session's lock. */
    public List<String> missing(Session session, List<String> dependencies) {
        if (dependencies.isEmpty()) {
            return List.of(); // most runs: no stream set up for nothing
        }
        return dependencies.stream()
                .filter(d -> !session.installedDependencies().contains(d))
                .distinct()
                .collect(Collectors.toList());
    }

    /**
     * Installs {@code missing} (from {@link #missing}); the caller holds the session's lock and the sandbox runs. A
     * failed install throws; an install the caller cancelled, or that could not be ended, says so in the result.
     */
    public Install install(Session session, List<String> missing, Duration timeout, Cancellation cancellation) {
        Template template = session.template();
        String runId = Interrupts.newRunId();
        List<String> args = new ArrayList<>();
        args.add("-c");
        args.add(template == Template.PYTHON ? PIP_SCRIPT : NPM_SCRIPT);
        args.add("sh");
        args.addAll(missing);
        ShellInvocation invocation = new ShellInvocation("sh", args).inOwnGroup(Interrupts.commandPidFile(runId));
        String sandbox = session.sandboxName();
        logger.info("Installing {} package(s) into session '{}'", missing.size(), session.id());
        CommandRunResult result;
        RunGuard.Stop stoppedBy;
        try (RunGuard guard = watchdog.watch(timeout, cancellation, () -> interrupts.endCommand(sandbox, runId))) {
            try {
                result = client.runCommand(
                        new CommandRunParams(
                                sandbox,
                                namespace,
                                invocation.command(),
                                invocation.args(),
                                watchdog.serverTimeoutSeconds(timeout)),
                        guard.abort());
            } catch (SandboxApiException e) {
                if (guard.stop() == RunGuard.Stop.CANCEL) {
                    return new Install(RunGuard.Stop.CANCEL, false);
                }
                throw CodeExecutionException.dependencyInstallFailed(
                        session.id(),
                        template.id(),
                        missing,
                        e.describe() + " (the install may have run past the " + timeout.toSeconds() + " s timeout)");
            } catch (RuntimeException e) {
                if (guard.abandoned()) {
                    return new Install(guard.stop(), true);
                }
                throw e;
            }
            stoppedBy = guard.stop();
        }
        if (stoppedBy == RunGuard.Stop.CANCEL) {
            return new Install(stoppedBy, false);
        }
        if (stoppedBy == RunGuard.Stop.TIMEOUT) {
            throw CodeExecutionException.dependencyInstallFailed(
                    session.id(),
                    template.id(),
                    missing,
                    "the install did not finish within the " + timeout.toSeconds() + " s timeout and was stopped");
        }
        String packagePath = null;
        StringBuilder output = new StringBuilder();
        for (OutputLine line : result.lines()) {
            String text = line.text() == null ? "" : line.text();
            if (line.isStdout() && text.startsWith(PATH_PREFIX)) {
                packagePath = text.substring(PATH_PREFIX.length()).trim();
            } else {
                output.append(text).append('\n');
            }
        }
        Integer exitCode = result.exitCode();
        if (exitCode == null || exitCode != 0 || packagePath == null) {
            throw CodeExecutionException.dependencyInstallFailed(
                    session.id(), template.id(), missing, "exit code " + exitCode + ": " + tail(output.toString()));
        }
        session.installedDependencies().addAll(missing);
        if (!session.packagePaths().contains(packagePath)) {
            session.packagePaths().add(packagePath);
        }
        return new Install(RunGuard.Stop.NONE, false);
    }

    /**
     * How an install ended when it did not fail.
     *
     * @param stoppedBy {@link RunGuard.Stop#NONE} when it finished; otherwise why it was stopped
     * @param stillRunning true when it could not be ended within the grace (the sandbox must be restarted)
     */
    public record Install(RunGuard.Stop stoppedBy, boolean stillRunning) {}

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= DETAIL_CHARS ? trimmed : "..." + trimmed.substring(trimmed.length() - DETAIL_CHARS);
    }
}
