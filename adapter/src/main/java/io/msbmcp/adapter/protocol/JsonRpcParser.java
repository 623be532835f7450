package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.errors.JsonRpcCodes;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON-RPC message, strictly: exactly one JSON value and nothing after it, no duplicate keys, {@code
 * "jsonrpc":"2.0"}, an id that is a string or an integer, a method that is a string, params that are an object, and a
 * {@code _meta} that is an object. Every refusal is a {@link ProtocolException} (HTTP 400) whose message names the
 * member and what was found.
 */
final class JsonRpcParser {
    /**
     * Duplicate keys are caught as the tree is built ({@code FAIL_ON_READING_DUP_TREE_KEY}: a key whose put replaced a
     * value), not by the parser's {@code STRICT_DUPLICATE_DETECTION}, which keeps a set of the names of every object it
     * reads.
     */
    private static final Pattern DUPLICATE_TREE_KEY =
            Pattern.compile("^Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private JsonRpcParser() {}

    /** Parses {@code body}; throws {@link ProtocolException} when it is not one well-formed JSON-RPC message. */
    static JsonRpcMessage parse(byte[] body) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProtocolException.badRequest(JsonRpcCodes.PARSE_ERROR, parseMessage(e), null);
        } catch (IOException e) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.PARSE_ERROR, "Parse error: the body could not be read as JSON", null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: the body is empty; send one JSON-RPC message",
                    null);
        }
        if (tree.isArray()) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: batch requests are not supported; send one JSON-RPC message per request",
                    null);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: the body must be one JSON-RPC message object, not " + describe(tree),
                    null);
        }
        return message(object);
    }

    private static JsonRpcMessage message(ObjectNode object) {
        JsonNode idNode = object.get("id");
        Object id = null;
        if (idNode != null) {
            if (idNode.isTextual()) {
                id = idNode.textValue();
            } else if (idNode.isIntegralNumber()) {
                id = idNode.numberValue();
            } else {
                throw ProtocolException.badRequest(
                        JsonRpcCodes.INVALID_REQUEST,
                        "Invalid Request: \"id\" must be a string or an integer, not " + describe(idNode),
                        null);
            }
        }
        JsonNode version = object.get("jsonrpc");
        if (version == null || !"2.0".equals(version.textValue())) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"", id);
        }
        JsonNode methodNode = object.get("method");
        if (methodNode == null) {
            if (id != null && (object.has("result") || object.has("error"))) {
                return new JsonRpcMessage(JsonRpcMessage.Kind.RESPONSE, id, null, null);
            }
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: \"method\" is missing; a request needs \"method\" (and \"id\"), a notification"
                            + " needs \"method\"",
                    id);
        }
        if (!methodNode.isTextual() || methodNode.textValue().isEmpty()) {
            throw ProtocolException.badRequest(
                    JsonRpcCodes.INVALID_REQUEST,
                    "Invalid Request: \"method\" must be a non-empty string, not " + describe(methodNode),
                    id);
        }
        String method = methodNode.textValue();
        JsonNode paramsNode = object.get("params");
        ObjectNode params = null;
        if (paramsNode != null) {
            if (!(paramsNode instanceof ObjectNode paramsObject)) {
                throw ProtocolException.badRequest(
                        JsonRpcCodes.INVALID_PARAMS,
                        "Invalid params: \"params\" of " + method + " must be an object, not " + describe(paramsNode),
                        id);
            }
            params = paramsObject;
            JsonNode meta = params.get("_meta");
            if (meta != null && !meta.isObject()) {
                throw ProtocolException.badRequest(
                        JsonRpcCodes.INVALID_PARAMS,
                        "Invalid params: \"params._meta\" must be an object, not " + describe(meta),
                        id);
            }
            JsonNode token = meta == null ? null : meta.get("progressToken");
            if (token != null && !token.isNull() && !token.isTextual() && !token.isIntegralNumber()) {
                throw ProtocolException.badRequest(
                        JsonRpcCodes.INVALID_PARAMS,
                        "Invalid params: \"params._meta.progressToken\" must be a string or an integer, not "
                                + describe(token),
                        id);
            }
        }
        JsonRpcMessage.Kind kind = idNode == null ? JsonRpcMessage.Kind.NOTIFICATION : JsonRpcMessage.Kind.REQUEST;
        return new JsonRpcMessage(kind, id, method, params);
    }

    /** What a JSON value is, in words: "null", "an array", "the string \"x\"", "the number 3", "true". */
    static String describe(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "a string (\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\")";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        return "a number (" + node.asText() + ")";
    }

    private static String parseMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        Matcher duplicate = original == null ? null : DUPLICATE_TREE_KEY.matcher(original);
        if (duplicate != null && duplicate.find()) {
            return "Parse error: duplicate key '" + duplicate.group(1) + "'; each key may appear once";
        }
        if (original != null && original.startsWith("Trailing token")) {
            return "Parse error: the body holds more than one JSON value (or bytes after it); send exactly one"
                    + " JSON-RPC message";
        }
        var location = e.getLocation();
        return "Parse error: the body is not valid JSON"
                + (location == null
                        ? ""
                        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }
}
