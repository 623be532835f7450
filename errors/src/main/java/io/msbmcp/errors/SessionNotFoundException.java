package io.msbmcp.errors;

import java.util.List;

/** A session named by the caller does not exist (never did, expired, or was stopped). */
public final class SessionNotFoundException extends MsbException {
    private static final long serialVersionUID = 1L;

    private SessionNotFoundException(String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.SESSION_NOT_FOUND, message, suggestions, context, null);
    }

    public static SessionNotFoundException of(String sessionId) {
        return new SessionNotFoundException(
                "Session '" + sessionId + "' not found",
                List.of(
                        "Call get_sessions to list the live sessions",
                        "Sessions expire when idle and end on stop_session; start a new one by calling execute_code"
                                + " or execute_command (with or without a session_id)"),
                context("session_id", sessionId));
    }
}
