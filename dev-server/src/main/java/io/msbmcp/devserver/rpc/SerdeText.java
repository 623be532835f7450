package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** Describes JSON values the way serde's error messages do ({@code invalid type: string "x", expected u8}). */
final class SerdeText {
    private SerdeText() {}

    static String describe(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isBoolean()) {
            return "boolean `" + node.asBoolean() + "`";
        }
        if (node.isIntegralNumber()) {
            return "integer `" + node.asText() + "`";
        }
        if (node.isNumber()) {
            return "floating point `" + node.asText() + "`";
        }
        if (node.isTextual()) {
            return "string \"" + node.asText() + "\"";
        }
        if (node.isArray()) {
            return "sequence";
        }
        return "map";
    }

    static String invalidType(JsonNode node, String expected) {
        return "invalid type: " + describe(node) + ", expected " + expected;
    }

    static String missingField(String field) {
        return "missing field `" + field + "`";
    }
}
