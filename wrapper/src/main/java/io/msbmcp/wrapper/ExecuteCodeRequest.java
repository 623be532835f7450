package io.msbmcp.wrapper;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request to run code in a session's REPL.
 *
 * @param code the source to run (required, non-blank)
 * @param template the template of a new session (default python); for a live session null means its own template,
 *     and another template than its own is an invalid argument
 * @param sessionId the session to use; null starts a new session with a server-made id
 * @param flavor the resources of a new session; null means {@code MSB_DEFAULT_FLAVOR}
 * @param timeout how long the code may run; null means {@code MSB_EXECUTION_TIMEOUT}
 * @param dependencies packages to install into the session first (pip or npm), each once per session
 * @param collectFiles whether to scan the working directory afterwards for files the run created or changed
 */
public record ExecuteCodeRequest(
        String code,
        @Nullable Template template,
        @Nullable String sessionId,
        @Nullable Flavor flavor,
        @Nullable Duration timeout,
        List<String> dependencies,
        boolean collectFiles) {

    public ExecuteCodeRequest {
        Arguments.requireNonBlank(code, "code");
        Arguments.checkSessionId(sessionId);
        Arguments.checkTimeout(timeout);
        dependencies = Arguments.checkDependencies(dependencies);
    }

    /** A request that does not scan for the files the run creates ({@code collectFiles} false). */
    public ExecuteCodeRequest(
            String code,
            @Nullable Template template,
            @Nullable String sessionId,
            @Nullable Flavor flavor,
            @Nullable Duration timeout,
            List<String> dependencies) {
        this(code, template, sessionId, flavor, timeout, dependencies, false);
    }

    /** A request with defaults for everything but the code and template. */
    public static ExecuteCodeRequest of(String code, Template template) {
        return new ExecuteCodeRequest(code, template, null, null, null, List.of());
    }
}
