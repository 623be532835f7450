package io.msbmcp.wrapper.client;

import org.jspecify.annotations.Nullable;

/**
 * The Microsandbox server answered a call with an API error: a plain {@code {"error","code"}} body (400 validation,
 * 500 internal) or a JSON-RPC error object. This never leaves the wrapper: the code that made the call knows the session
 * and turns it into the matching {@link io.msbmcp.errors.MsbException}, the way Retrofit's {@code HttpException} carries
 * a response for its caller to interpret.
 */
public final class SandboxApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int httpStatus;
    private final @Nullable Integer errorCode;
    private final String serverMessage;

    public SandboxApiException(String method, int httpStatus, @Nullable Integer errorCode, String serverMessage) {
        super("'" + method + "' failed with HTTP " + httpStatus + (errorCode == null ? "" : " (code " + errorCode + ")")
                + ": " + serverMessage);
        this.method = method;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The JSON-RPC method that failed, e.g. {@code sandbox.start}. */
    public String method() {
        return method;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The server's error code: 2001, 5002, or a JSON-RPC code such as -32601; null when the body had none. */
    public @Nullable Integer errorCode() {
        return errorCode;
    }

    /** The server's own message, e.g. {@code "Internal server error"}. */
    public String serverMessage() {
        return serverMessage;
    }

    /** True for 5xx answers (the legacy server masks every internal failure as 500/5002). */
    public boolean isServerError() {
        return httpStatus >= 500;
    }

    /** A short description for error messages: {@code "HTTP 500: Internal server error"}. */
    public String describe() {
        return "HTTP " + httpStatus + ": " + serverMessage;
    }
}
