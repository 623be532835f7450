package io.msbmcp.adapter.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Parses the JSON Schema text of a tool into the map the SDK's {@code Tool} holds. */
final class JsonSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private JsonSchemas() {}

    static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid schema JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON string literal, for descriptions built from configuration. */
    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
