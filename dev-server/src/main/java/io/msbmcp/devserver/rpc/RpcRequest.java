package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.jspecify.annotations.Nullable;

/**
 * A JSON-RPC request as the legacy server's {@code JsonRpcRequest} struct reads it: {@code jsonrpc} and {@code method}
 * must be strings, {@code params} defaults to null, an absent or null {@code id} means none. Batches are not
 * supported.
 */
record RpcRequest(
        String jsonrpc,
        String method,
        JsonNode params,
        @Nullable JsonNode id) {

    /** The request in {@code body}, or a 422 rejection whose text reads like axum's. */
    static RpcRequest parse(JsonNode body) throws EnvelopeException {
        if (!body.isObject()) {
            throw new EnvelopeException(SerdeText.invalidType(body, "struct JsonRpcRequest"));
        }
        String jsonrpc = requiredString(body, "jsonrpc");
        String method = requiredString(body, "method");
        JsonNode params = body.has("params") ? body.get("params") : NullNode.getInstance();
        JsonNode id = body.get("id");
        return new RpcRequest(jsonrpc, method, params, id == null || id.isNull() ? null : id);
    }

    private static String requiredString(JsonNode body, String field) throws EnvelopeException {
        JsonNode node = body.get(field);
        if (node == null) {
            throw new EnvelopeException(SerdeText.missingField(field));
        }
        if (!node.isTextual()) {
            throw new EnvelopeException(SerdeText.invalidType(node, "a string"));
        }
        return node.asText();
    }

    /** A body that is JSON but not a request: answered 422 with plain text. */
    static final class EnvelopeException extends Exception {
        private static final long serialVersionUID = 1L;

        EnvelopeException(String message) {
            super(message);
        }

        Reply reply() {
            return Reply.text(422, "Failed to deserialize the JSON body into the target type: " + getMessage());
        }
    }
}
