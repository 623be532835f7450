package io.msbmcp.wrapper.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.errors.ConnectionException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Microsandbox server's answers, HTTP status first (reference §4):
 *
 * <table>
 *   <caption>answer → outcome</caption>
 *   <tr><th>HTTP</th><th>body</th><th>outcome</th></tr>
 *   <tr><td>200</td><td>{@code {"result":…}}</td><td>the result</td></tr>
 *   <tr><td>200</td><td>{@code {"error":…}}, either shape</td><td>{@link SandboxApiException}</td></tr>
 *   <tr><td>400, 404, 500</td><td>{@code {"error":"…","code":N}} or a JSON-RPC error</td>
 *       <td>{@link SandboxApiException} with that status and code</td></tr>
 *   <tr><td>401 (no key set)</td><td>any</td><td>{@link ConfigurationException#apiKeyMissing}</td></tr>
 *   <tr><td>401, 403</td><td>any</td><td>{@link ConfigurationException#apiKeyRejected}</td></tr>
 *   <tr><td>anything else</td><td>or any body that is not the API</td>
 *       <td>{@link ConnectionException#unexpectedResponse}</td></tr>
 * </table>
 */
final class RpcResponseReader {
    private final ObjectMapper mapper;
    private final String serverUrl;
    private final boolean apiKeySet;

    RpcResponseReader(ObjectMapper mapper, String serverUrl, boolean apiKeySet) {
        this.mapper = mapper;
        this.serverUrl = serverUrl;
        this.apiKeySet = apiKeySet;
    }

    /** The {@code result} member of a successful answer to {@code method}; throws for every other answer. */
    JsonNode result(String method, String namespace, HttpAnswer answer) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            throw status == 401 && !apiKeySet
                    ? ConfigurationException.apiKeyMissing(serverUrl)
                    : ConfigurationException.apiKeyRejected(serverUrl, status, namespace);
        }
        JsonNode body = parseObject(answer.body());
        if (body == null) {
            throw unexpected(method, status);
        }
        if (status == 200) {
            JsonNode error = body.get("error");
            if (error != null && !error.isNull()) {
                SandboxApiException apiError = apiError(method, status, error, body.get("code"));
                throw apiError != null ? apiError : unexpected(method, status);
            }
            JsonNode result = body.get("result");
            if (result == null) {
                throw unexpected(method, status);
            }
            return result;
        }
        if (status == 400 || status == 404 || status == 500) {
            JsonNode error = body.get("error");
            SandboxApiException apiError = error == null ? null : apiError(method, status, error, body.get("code"));
            if (apiError != null) {
                throw apiError;
            }
        }
        throw unexpected(method, status);
    }

    /** {@code result} as a {@code type}; a result of another shape is not the API. */
    <T> T convert(String method, JsonNode result, Class<T> type) {
        if (!result.isObject()) {
            throw unexpected(method, 200);
        }
        try {
            return mapper.treeToValue(result, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw unexpected(method, 200);
        }
    }

    /** Accepts only HTTP 200 with a JSON object, as {@code GET /api/v1/health} answers. */
    void health(String operation, HttpAnswer answer) {
        if (answer.status() != 200 || parseObject(answer.body()) == null) {
            throw unexpected(operation, answer.status());
        }
    }

    ConnectionException unexpected(String operation, int status) {
        return ConnectionException.unexpectedResponse(serverUrl, operation, status);
    }

    /**
     * The API error in {@code error}: a JSON-RPC error object {@code {"code":-32601,"message":"…"}}, or the plain
     * {@code ServerError} text with its sibling {@code code} (a number or null). Null when it is neither.
     */
    private static @Nullable SandboxApiException apiError(
            String method, int status, JsonNode error, @Nullable JsonNode siblingCode) {
        if (error.isObject()) {
            JsonNode code = error.get("code");
            JsonNode message = error.get("message");
            if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
                return null;
            }
            String text = message != null && message.isTextual() ? message.asText() : "";
            return new SandboxApiException(method, status, code.asInt(), text);
        }
        if (error.isTextual()) {
            if (siblingCode == null || siblingCode.isNull()) {
                return new SandboxApiException(method, status, null, error.asText());
            }
            if (siblingCode.isIntegralNumber() && siblingCode.canConvertToInt()) {
                return new SandboxApiException(method, status, siblingCode.asInt(), error.asText());
            }
        }
        return null;
    }

    /**
     * The body as a JSON object, or null. JSON is UTF-8 (RFC 8259) and is parsed from the bytes; a body with bytes
     * that are not UTF-8 is read again as text with those bytes replaced, as a lenient reader would.
     */
    private @Nullable JsonNode parseObject(byte[] body) {
        if (isBlank(body)) {
            return null;
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (CharConversionException | JsonParseException e) {
            node = parseText(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
        return node != null && node.isObject() ? node : null;
    }

    private @Nullable JsonNode parseText(String body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
