package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one parameter struct out of a JSON object with the rules of the Rust structs behind the legacy API: required
 * fields must be present and of the right type, {@code Option} fields accept {@code null}, list and map fields default
 * to empty but refuse {@code null}, integers must fit their unsigned type, unknown fields are ignored.
 */
final class ParamReader {
    private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

    private final JsonNode object;

    private ParamReader(JsonNode object) {
        this.object = object;
    }

    /** Reads {@code params} as the struct called {@code structName}. */
    static ParamReader of(JsonNode params, String structName) throws ParamException {
        if (!params.isObject()) {
            throw new ParamException(SerdeText.invalidType(params, "struct " + structName));
        }
        return new ParamReader(params);
    }

    String requiredString(String field) throws ParamException {
        JsonNode node = object.get(field);
        if (node == null) {
            throw new ParamException(SerdeText.missingField(field));
        }
        return string(node);
    }

    @Nullable
    String optionalString(String field) throws ParamException {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : string(node);
    }

    @Nullable
    Long optionalUnsigned(String field, String typeName, long max) throws ParamException {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new ParamException(SerdeText.invalidType(node, typeName));
        }
        BigInteger value = node.bigIntegerValue();
        BigInteger limit = max == Long.MAX_VALUE ? U64_MAX : BigInteger.valueOf(max);
        if (value.signum() < 0 || value.compareTo(limit) > 0) {
            throw new ParamException("invalid value: integer `" + value + "`, expected " + typeName);
        }
        return value.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    List<String> stringList(String field) throws ParamException {
        JsonNode node = object.get(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ParamException(SerdeText.invalidType(node, "a sequence"));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            values.add(string(element));
        }
        return values;
    }

    Map<String, String> stringMap(String field) throws ParamException {
        JsonNode node = object.get(field);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ParamException(SerdeText.invalidType(node, "a map"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            values.put(entry.getKey(), string(entry.getValue()));
        }
        return values;
    }

    /** The nested struct {@code field}, or {@code null} when absent or null. */
    @Nullable
    ParamReader optionalStruct(String field, String structName) throws ParamException {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : of(node, structName);
    }

    private static String string(JsonNode node) throws ParamException {
        if (!node.isTextual()) {
            throw new ParamException(SerdeText.invalidType(node, "a string"));
        }
        return node.asText();
    }
}
