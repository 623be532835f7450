package io.msbmcp.wrapper;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request to run one whole shell line ({@code sh -c}) in a session's sandbox.
 *
 * @param command the shell line: pipes, redirections, {@code &&} and expansions work
 * @param template the template of a new session (default python); for a live session null means its own template,
 *     and another template than its own is an invalid argument
 * @param sessionId the session to use; null starts a new session with a server-made id
 * @param flavor the resources of a new session; null means {@code MSB_DEFAULT_FLAVOR}
 * @param timeout how long the command may run; null means {@code MSB_EXECUTION_TIMEOUT}
 * @param workdir the directory to run in; null means the sandbox's working directory
 * @param env extra environment variables for this command only
 * @param collectFiles whether to scan the working directory afterwards for files the run created or changed
 */
public record ExecuteCommandRequest(
        String command,
        @Nullable Template template,
        @Nullable String sessionId,
        @Nullable Flavor flavor,
        @Nullable Duration timeout,
        @Nullable String workdir,
        Map<String, String> env,
        boolean collectFiles) {

    public ExecuteCommandRequest {
        Arguments.requireNonBlank(command, "command");
        Arguments.checkSessionId(sessionId);
        Arguments.checkTimeout(timeout);
        Arguments.checkWorkdir(workdir);
        env = Arguments.checkEnv(env);
    }

    /** A request that does not scan for the files the run creates ({@code collectFiles} false). */
    public ExecuteCommandRequest(
            String command,
            @Nullable Template template,
            @Nullable String sessionId,
            @Nullable Flavor flavor,
            @Nullable Duration timeout,
            @Nullable String workdir,
            Map<String, String> env) {
        this(command, template, sessionId, flavor, timeout, workdir, env, false);
    }

    /** A request with defaults for everything but the command and template. */
    public static ExecuteCommandRequest of(String command, Template template) {
        return new ExecuteCommandRequest(command, template, null, null, null, null, Map.of());
    }
}
