package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * One JSON-RPC message as the client sent it, already checked by {@link JsonRpcParser}.
 *
 * @param kind request (has an id and a method), notification (a method, no id) or a response the client sent
 * @param id the request id: a {@code String} or a {@code Long}/{@code BigInteger}; null for notifications
 * @param method the method, or null for a response
 * @param params the params object, or null when absent
 */
record JsonRpcMessage(
        Kind kind,
        @Nullable Object id,
        @Nullable String method,
        @Nullable ObjectNode params) {
    enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE
    }

    /** {@code params._meta}, or null. */
    @Nullable
    ObjectNode meta() {
        return params != null && params.get("_meta") instanceof ObjectNode meta ? meta : null;
    }

    /** {@code params._meta.progressToken}, or null. */
    @Nullable
    JsonNode progressToken() {
        ObjectNode meta = meta();
        JsonNode token = meta == null ? null : meta.get("progressToken");
        return token == null || token.isNull() ? null : token;
    }

    /** A string member of params, or null when absent or not a string. */
    @Nullable
    String paramString(String name) {
        JsonNode value = params == null ? null : params.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The id as text for logs and maps. */
    @Nullable
    String idText() {
        return id == null ? null : id.toString();
    }
}
