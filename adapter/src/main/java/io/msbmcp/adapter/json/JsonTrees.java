package io.msbmcp.adapter.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between JSON trees and plain Java values on the hot path of a tool call, without a round trip through
 * Jackson's token buffer ({@code valueToTree} / {@code convertValue} serialize and parse again, which cost more than the
 * rest of a cheap call). The results equal what the mapper gives; any type not handled here goes through the mapper.
 */
public final class JsonTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /**
     * The tree of a tool result, equal to {@code mapper.valueToTree(result)} (with the session fields at the top that
     * {@link CallToolResultSerializer} adds).
     */
    public static ObjectNode toolResult(CallToolResult result, ObjectMapper mapper) {
        if (result.meta() != null || result.content() == null) {
            return mapper.valueToTree(result);
        }
        ObjectNode node = NODES.objectNode();
        ArrayNode content = node.putArray("content");
        for (Content item : result.content()) {
            if (item instanceof TextContent text
                    && text.annotations() == null
                    && text.meta() == null
                    && text.text() != null) {
                content.addObject().put("type", "text").put("text", text.text());
            } else {
                content.add(mapper.<JsonNode>valueToTree(item));
            }
        }
        if (result.isError() != null) {
            node.put("isError", result.isError());
        }
        Object structured = result.structuredContent();
        if (structured != null) {
            node.set("structuredContent", tree(structured, mapper));
            if (structured instanceof Map<?, ?> map
                    && map.get(CallToolResultSerializer.SESSION_ID) instanceof String sessionId
                    && map.get(CallToolResultSerializer.SESSION_CREATED) instanceof Boolean created) {
                node.put(CallToolResultSerializer.SESSION_ID, sessionId);
                node.put(CallToolResultSerializer.SESSION_CREATED, created);
            }
        }
        return node;
    }

    /** The tree of a plain value (maps, lists, strings, numbers, booleans, null); other types through the mapper. */
    public static JsonNode tree(@Nullable Object value, ObjectMapper mapper) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return mapper.valueToTree(value);
                }
                object.set(key, tree(entry.getValue(), mapper));
            }
            return object;
        }
        if (value instanceof List<?> || value instanceof java.util.Set<?>) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (Collection<?>) value) {
                array.add(tree(element, mapper));
            }
            return array;
        }
        return mapper.valueToTree(value);
    }

    /**
     * The plain Java value of a tree, as {@code mapper.convertValue(node, Object.class)} gives it: objects become
     * ordered maps, arrays lists, integers {@code Integer}, {@code Long} or {@code BigInteger} by size, other numbers
     * {@code Double} (or {@code BigDecimal} when the tree holds one).
     */
    public static @Nullable Object value(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return number(node);
            case OBJECT:
                return map(node);
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(value(element));
                }
                return list;
            default:
                return node.isBinary() ? node.asText() : node.toString();
        }
    }

    /** The map of an object tree (see {@link #value}). */
    public static Map<String, Object> map(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, object.size() * 2));
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), value(field.getValue()));
        }
        return map;
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            return node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        return node.doubleValue();
    }
}
