package io.msbmcp.errors;

/**
 * A stable error code: the {@code error_code} field of JSON-RPC error data, with the JSON-RPC code, category and
 * severity that go with it. The table in {@code docs/errors.md} lists every constant.
 */
public enum ErrorCode {
    /** A new session would exceed {@code MSB_MAX_SESSIONS} or {@code MSB_MAX_TOTAL_MEMORY_MB}, or a file {@code MSB_MAX_FILE_BYTES}. */
    RESOURCE_LIMIT_EXCEEDED(JsonRpcCodes.INVALID_REQUEST, ErrorCategory.RESOURCE, Severity.HIGH),
    /** The server's configuration is wrong, or the Microsandbox server rejects its API key. */
    CONFIGURATION_ERROR(JsonRpcCodes.INTERNAL_ERROR, ErrorCategory.CONFIGURATION, Severity.CRITICAL),
    /** {@code sandbox.start} failed. */
    SANDBOX_CREATION_ERROR(JsonRpcCodes.INTERNAL_ERROR, ErrorCategory.SANDBOX, Severity.HIGH),
    /** The REPL call itself failed, or installing dependencies failed. */
    CODE_EXECUTION_ERROR(JsonRpcCodes.INTERNAL_ERROR, ErrorCategory.EXECUTION, Severity.MEDIUM),
    /** The command could not be run. */
    COMMAND_EXECUTION_ERROR(JsonRpcCodes.INTERNAL_ERROR, ErrorCategory.EXECUTION, Severity.MEDIUM),
    /** A session named by the caller does not exist. */
    SESSION_NOT_FOUND(JsonRpcCodes.INVALID_PARAMS, ErrorCategory.SESSION, Severity.LOW),
    /** The Microsandbox server is unreachable, timed out, or the circuit breaker is open. */
    CONNECTION_ERROR(JsonRpcCodes.INTERNAL_ERROR, ErrorCategory.CONNECTION, Severity.HIGH),
    /** A tool argument has the wrong type, is missing, out of range or malformed. */
    INVALID_ARGUMENT(JsonRpcCodes.INVALID_PARAMS, ErrorCategory.VALIDATION, Severity.LOW);

    private final int jsonRpcCode;
    private final ErrorCategory category;
    private final Severity severity;

    ErrorCode(int jsonRpcCode, ErrorCategory category, Severity severity) {
        this.jsonRpcCode = jsonRpcCode;
        this.category = category;
        this.severity = severity;
    }

    /** The JSON-RPC 2.0 error code this error is answered with. */
    public int jsonRpcCode() {
        return jsonRpcCode;
    }

    public ErrorCategory category() {
        return category;
    }

    public Severity severity() {
        return severity;
    }
}
