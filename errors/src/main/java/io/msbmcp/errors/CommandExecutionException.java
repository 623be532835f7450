package io.msbmcp.errors;

import java.util.List;

/**
 * A command could not be run (spawn failure, server error, sandbox gone). A command that runs and exits non-zero is
 * not this: it is a normal result with {@code isError} set.
 */
public final class CommandExecutionException extends MsbException {
    private static final long serialVersionUID = 1L;

    private CommandExecutionException(String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.COMMAND_EXECUTION_ERROR, message, suggestions, context, null);
    }

    /** The Microsandbox server answered the command call with an error. */
    public static CommandExecutionException commandFailed(String sessionId, String detail) {
        return new CommandExecutionException(
                "Command execution in session '" + sessionId + "' failed: " + detail,
                List.of(
                        "Retry the call; if it fails again, stop the session with stop_session and start a new one",
                        "Check that the working directory exists in the sandbox",
                        "Look at the Microsandbox server log (msb server log) for the cause"),
                context("session_id", sessionId, "detail", detail));
    }

    /** The sandbox behind the session no longer runs; the session has been dropped. */
    public static CommandExecutionException sandboxGone(String sessionId, String sandboxName) {
        return new CommandExecutionException(
                "The sandbox '" + sandboxName + "' of session '" + sessionId + "' is no longer running",
                List.of(
                        "Call again with the same session_id: a new session is created (session_created: true)",
                        "Files and state of the old session are gone; set them up again"),
                context("session_id", sessionId, "sandbox_name", sandboxName));
    }

    /**
     * The caller cancelled the call while its command ran or waited. {@code stateKept} tells whether the command's
     * process group was ended with the sandbox intact, or the sandbox had to be restarted.
     */
    public static CommandExecutionException cancelled(String sessionId, boolean stateKept) {
        String outcome = stateKept
                ? "the command was ended; the session's state is kept"
                : "the command could not be ended, so the sandbox was restarted";
        return new CommandExecutionException(
                "Command execution in session '" + sessionId + "' was cancelled: " + outcome,
                List.of(
                        "Call again with the same session_id to continue in the session",
                        stateKept
                                ? "Files the command wrote before it was ended are still there"
                                : "Files and state of the session are gone; set them up again"),
                context("session_id", sessionId, "cancelled", true, "state_kept", stateKept));
    }
}
