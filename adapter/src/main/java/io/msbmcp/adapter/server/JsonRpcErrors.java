package io.msbmcp.adapter.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.errors.JsonRpcCodes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * Writes the errors of the HTTP layer as JSON-RPC envelopes, {@code {"jsonrpc":"2.0","id":…,"error":{code,message}}},
 * whatever went wrong and whoever noticed (the router, the SDK transport, Jetty itself).
 */
public final class JsonRpcErrors {
    /** JSON-RPC implementation-defined server error used for a missing or wrong bearer token. */
    public static final int UNAUTHORIZED = -32001;

    /**
     * The {@code Content-Type} of every JSON answer, in the one spelling Jetty keeps ready-made: one call sets type and
     * charset (a second {@code setCharacterEncoding} call cost about 1 % of a cheap call's CPU).
     */
    public static final String JSON_UTF8 = "application/json;charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpcErrors() {}

    /** The envelope as bytes. */
    public static byte[] envelope(@Nullable Object id, int code, String message) {
        return envelope(id, code, message, null);
    }

    /** The envelope as bytes, with {@code data} when not null. */
    public static byte[] envelope(@Nullable Object id, int code, String message, @Nullable Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", "2.0");
        envelope.put("id", id);
        envelope.put("error", error);
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (IOException e) {
            return ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code
                            + ",\"message\":\"Internal error\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Answers with {@code status} and an envelope; does nothing when the response is already committed. */
    public static void write(HttpServletResponse response, int status, @Nullable Object id, int code, String message)
            throws IOException {
        write(response, status, id, code, message, null);
    }

    /** Answers with {@code status} and an envelope whose error carries {@code data}. */
    public static void write(
            HttpServletResponse response,
            int status,
            @Nullable Object id,
            int code,
            String message,
            @Nullable Object data)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        byte[] body = envelope(id, code, message, data);
        response.setStatus(status);
        response.setContentType(JSON_UTF8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Answers {@code status} with the JSON-RPC code and message that go with it. */
    public static void write(HttpServletResponse response, int status, @Nullable Object id, @Nullable String message)
            throws IOException {
        write(response, status, id, codeFor(status), messageFor(status, message));
    }

    /** The JSON-RPC code an HTTP error status is answered with. */
    public static int codeFor(int status) {
        if (status == HttpStatus.UNAUTHORIZED_401) {
            return UNAUTHORIZED;
        }
        if (status >= 500 || status == HttpStatus.NOT_FOUND_404) {
            return JsonRpcCodes.INTERNAL_ERROR;
        }
        return JsonRpcCodes.INVALID_REQUEST;
    }

    /** A client-safe message: the given one for client errors, a generic one for 500 (which may hide internals). */
    public static String messageFor(int status, @Nullable String message) {
        if (status == HttpStatus.INTERNAL_SERVER_ERROR_500 || message == null || message.isBlank()) {
            String reason = HttpStatus.getMessage(status);
            return reason == null || reason.isBlank() ? "HTTP " + status : reason;
        }
        return message;
    }
}
