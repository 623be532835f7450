package io.msbmcp.errors;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The Microsandbox server is unreachable, did not answer in time, answered nonsense, or is paused by the breaker. */
public final class ConnectionException extends MsbException {
    private static final long serialVersionUID = 1L;

    /** What kind of connection failure this is; callers use it to tell "nothing was sent" from "may have run". */
    public enum Kind {
        /** The connection failed; the server did not get the request, or dropped it. */
        UNREACHABLE,
        /** The server did not answer in time; it may still carry the request out. */
        TIMED_OUT,
        /** The server answered something that is not its API. */
        UNEXPECTED_RESPONSE,
        /** The circuit breaker refused the call; nothing was sent. */
        CIRCUIT_OPEN,
        /** msb-mcp is shutting down; nothing was sent. */
        SHUTTING_DOWN,
        /** The server did not confirm that it stopped a sandbox; msb-mcp retries the stop in the background. */
        STOP_FAILED
    }

    private final Kind kind;

    private ConnectionException(
            Kind kind,
            String message,
            List<String> suggestions,
            java.util.Map<String, ?> context,
            @Nullable Throwable cause) {
        super(ErrorCode.CONNECTION_ERROR, message, suggestions, context, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * {@code sandbox.stop} failed and the server still lists the sandbox as running (or could not be asked): the
     * session is gone for the caller, and msb-mcp keeps retrying the stop in the background until the sandbox is gone.
     */
    public static ConnectionException stopFailed(
            String serverUrl, String sessionId, String sandboxName, String reason) {
        return new ConnectionException(
                Kind.STOP_FAILED,
                "Stopping the sandbox of session '" + sessionId + "' failed (" + reason + "); msb-mcp keeps retrying"
                        + " the stop in the background until the sandbox is gone",
                List.of(
                        "Nothing to do for this session: it is closed and its sandbox will be stopped as soon as the"
                                + " Microsandbox server allows",
                        "The session's slot is given back once the stop is confirmed; until then it counts against"
                                + " MSB_MAX_SESSIONS",
                        "Check the Microsandbox server log (msb server log) at " + serverUrl),
                context("session_id", sessionId, "sandbox_name", sandboxName, "reason", reason),
                null);
    }

    /** The connection failed (refused, reset, DNS, dropped mid-response). */
    public static ConnectionException unreachable(String serverUrl, String operation, String reason) {
        return new ConnectionException(
                Kind.UNREACHABLE,
                "Cannot reach the Microsandbox server at '" + serverUrl + "' for '" + operation + "': " + reason,
                List.of(
                        "Check that the Microsandbox server is running (msb server start) and listens on " + serverUrl,
                        "Check MSB_SERVER_URL in the server configuration",
                        "Retry in a few seconds: calls resume by themselves when the server is back"),
                context("server_url", serverUrl, "operation", operation, "reason", reason),
                null);
    }

    /** No answer within the call's timeout. */
    public static ConnectionException timedOut(String serverUrl, String operation, Duration timeout) {
        return new ConnectionException(
                Kind.TIMED_OUT,
                "The Microsandbox server at '" + serverUrl + "' did not answer '" + operation + "' within "
                        + timeout.toSeconds() + " s",
                List.of(
                        "Retry the call; the server may be busy starting sandboxes",
                        "Check the Microsandbox server's load and log (msb server log)",
                        "For long-running code, pass a larger timeout"),
                context("server_url", serverUrl, "operation", operation, "timeout_seconds", timeout.toSeconds()),
                null);
    }

    /** The server answered with something that is not its API (wrong status or body, e.g. a proxy page). */
    public static ConnectionException unexpectedResponse(String serverUrl, String operation, int httpStatus) {
        return new ConnectionException(
                Kind.UNEXPECTED_RESPONSE,
                "Unexpected answer from the Microsandbox server at '" + serverUrl + "' to '" + operation + "' (HTTP "
                        + httpStatus + ")",
                List.of(
                        "Check that MSB_SERVER_URL points at a Microsandbox server (msb server start), not another"
                                + " service",
                        "Retry in a few seconds"),
                context("server_url", serverUrl, "operation", operation, "http_status", httpStatus),
                null);
    }

    /** Recent calls failed, so calls are refused at once until the breaker lets a probe through. */
    public static ConnectionException circuitOpen(String serverUrl, Duration retryAfter) {
        return new ConnectionException(
                Kind.CIRCUIT_OPEN,
                "The Microsandbox server at '" + serverUrl
                        + "' is failing; calls are paused by the circuit breaker for up to " + retryAfter.toSeconds()
                        + " s",
                List.of(
                        "Retry after " + retryAfter.toSeconds() + " s; calls resume by themselves when the server is"
                                + " back",
                        "Check that the Microsandbox server is running (msb server start)",
                        "GET /health on this server shows whether the backend is reachable"),
                context("server_url", serverUrl, "retry_after_seconds", retryAfter.toSeconds()),
                null);
    }

    /** This server is shutting down and takes no new sandbox work. */
    public static ConnectionException shuttingDown(String serverUrl) {
        return new ConnectionException(
                Kind.SHUTTING_DOWN,
                "msb-mcp is shutting down and takes no new sandbox work",
                List.of("Retry in a few seconds, once the server has restarted"),
                context("server_url", serverUrl),
                null);
    }
}
