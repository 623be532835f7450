package io.msbmcp.errors;

import java.util.List;

/**
 * Running code could not be done: the REPL call itself failed, the sandbox is gone, or installing dependencies failed.
 * Code that runs and raises an error is not this: it is a normal result with {@code isError} set.
 */
public final class CodeExecutionException extends MsbException {
    private static final long serialVersionUID = 1L;

    private CodeExecutionException(String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.CODE_EXECUTION_ERROR, message, suggestions, context, null);
    }

    /** The Microsandbox server answered the REPL call with an error. */
    public static CodeExecutionException replFailed(String sessionId, String template, String detail) {
        return new CodeExecutionException(
                "Code execution in session '" + sessionId + "' failed: " + detail,
                List.of(
                        "Retry the call; if it fails again, stop the session with stop_session and start a new one",
                        "Check that the template matches the language of your code",
                        "Look at the Microsandbox server log (msb server log) for the cause"),
                context("session_id", sessionId, "template", template, "detail", detail));
    }

    /** The sandbox behind the session no longer runs; the session has been dropped. */
    public static CodeExecutionException sandboxGone(String sessionId, String sandboxName) {
        return new CodeExecutionException(
                "The sandbox '" + sandboxName + "' of session '" + sessionId + "' is no longer running",
                List.of(
                        "Call again with the same session_id: a new session is created (session_created: true)",
                        "Variables and files of the old session are gone; set them up again"),
                context("session_id", sessionId, "sandbox_name", sandboxName));
    }

    /** Installing the requested packages failed. */
    public static CodeExecutionException dependencyInstallFailed(
            String sessionId, String template, List<String> dependencies, String detail) {
        String installer = "node".equals(template) ? "npm" : "pip";
        return new CodeExecutionException(
                "Installing dependencies " + dependencies + " in session '" + sessionId + "' failed: " + detail,
                List.of(
                        "Check the package names and versions (" + installer + " syntax)",
                        "The sandbox may have no network access: use a package path under a shared volume",
                        "Call get_volume_path to see which host folders the sandbox can read"),
                context(
                        "session_id",
                        sessionId,
                        "template",
                        template,
                        "dependencies",
                        List.copyOf(dependencies),
                        "detail",
                        detail));
    }

    /**
     * The caller cancelled the call while its code ran or waited. {@code stateKept} tells whether the running code was
     * interrupted with the session's state intact, or the sandbox had to be restarted (the next result on the session
     * then says {@code session_reset: true}).
     */
    public static CodeExecutionException cancelled(String sessionId, String template, boolean stateKept) {
        String outcome = stateKept
                ? "the code was interrupted; the session's state is kept"
                : "the code could not be interrupted, so the sandbox was restarted";
        return new CodeExecutionException(
                "Code execution in session '" + sessionId + "' was cancelled: " + outcome,
                List.of(
                        "Call again with the same session_id to continue in the session",
                        stateKept
                                ? "Variables defined before the interrupted statement are still there"
                                : "Variables and installed packages of the session are gone; set them up again"),
                context("session_id", sessionId, "template", template, "cancelled", true, "state_kept", stateKept));
    }
}
