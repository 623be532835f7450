package io.msbmcp.adapter.error;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.JsonRpcCodes;
import io.msbmcp.errors.MsbException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Turns failures into JSON-RPC errors. An {@link MsbException} keeps its JSON-RPC code, message and {@link
 * MsbException#errorData() data}; anything else becomes {@code -32603} with a generic message and an incident id, and
 * is logged once at ERROR with its stack trace (the trace never reaches the client).
 */
public final class ErrorMapper {
    /** The {@code error_code} of failures that are not an {@link MsbException}. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private static final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorMapper() {}

    /** The JSON-RPC error for a failure of msb-mcp or its backend. */
    public static McpError toMcpError(MsbException e) {
        return new McpError(new JSONRPCError(jsonRpcCode(e.code()), e.getMessage(), e.errorData()));
    }

    /**
     * The JSON-RPC code of an error code, spelled out here (not just {@code code.jsonRpcCode()}) so that a new {@link
     * ErrorCode} constant does not compile until someone decides how the MCP layer answers it.
     */
    static int jsonRpcCode(ErrorCode code) {
        return switch (code) {
            case RESOURCE_LIMIT_EXCEEDED -> JsonRpcCodes.INVALID_REQUEST;
            case SESSION_NOT_FOUND, INVALID_ARGUMENT -> JsonRpcCodes.INVALID_PARAMS;
            case CONFIGURATION_ERROR,
                    SANDBOX_CREATION_ERROR,
                    CODE_EXECUTION_ERROR,
                    COMMAND_EXECUTION_ERROR,
                    CONNECTION_ERROR -> JsonRpcCodes.INTERNAL_ERROR;
        };
    }

    /**
     * How loudly a tool call that ended with this error is logged: the caller's mistakes at INFO, failures of the
     * backend or of the configuration (which an operator should look at) at WARN.
     */
    public static Level logLevel(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, SESSION_NOT_FOUND, RESOURCE_LIMIT_EXCEEDED -> Level.INFO;
            case CONFIGURATION_ERROR,
                    SANDBOX_CREATION_ERROR,
                    CODE_EXECUTION_ERROR,
                    COMMAND_EXECUTION_ERROR,
                    CONNECTION_ERROR -> Level.WARN;
        };
    }

    /**
     * The JSON-RPC error for an unexpected failure: logged here, once, at ERROR with the stack trace, and answered
     * with a generic message and an incident id that finds the log line.
     *
     * @param e the failure
     * @param where what was being done, e.g. {@code "tool execute_code"}, for the log line only
     */
    public static McpError unexpected(Throwable e, String where) {
        String incident = newIncidentId();
        logger.error("Unexpected failure in {} (incident {})", where, incident, e);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error_code", INTERNAL_ERROR);
        data.put("category", "internal");
        data.put("severity", "high");
        data.put(
                "recovery_suggestions",
                List.of(
                        "Retry the call; if it fails again, report the incident id to the server's operator",
                        "The server log has the details under incident " + incident));
        data.put("context", Map.of("incident_id", incident));
        return new McpError(
                new JSONRPCError(JsonRpcCodes.INTERNAL_ERROR, "Internal error (incident " + incident + ")", data));
    }

    /** A short random id, e.g. {@code 7f3a9c2e41d0}, to match an error answer with its log line. */
    public static String newIncidentId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(12);
        for (byte b : bytes) {
            id.append(String.format(Locale.ROOT, "%02x", b));
        }
        return id.toString();
    }
}
