package io.msbmcp.adapter.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one tool call, already validated against the tool's input schema, with typed getters. A type that
 * does not match is a bug of the schema, reported as {@link IllegalStateException}.
 */
public final class ToolArguments {
    private final Map<String, Object> values;

    ToolArguments(@Nullable Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** Arguments from a plain map (tests, and the registry). */
    public static ToolArguments of(@Nullable Map<String, Object> values) {
        return new ToolArguments(values);
    }

    /** A string argument, or null when absent. */
    public @Nullable String string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw mismatch(name, "string", value);
    }

    /** A string argument, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    /** An integer argument, or null when absent. */
    public @Nullable Long integer(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw mismatch(name, "integer", value);
    }

    /** A boolean argument, or null when absent. */
    public @Nullable Boolean bool(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw mismatch(name, "boolean", value);
    }

    /** A list of strings, or an empty list when absent. */
    public List<String> stringList(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw mismatch(name, "array of strings", value);
                }
                strings.add(s);
            }
            return strings;
        }
        throw mismatch(name, "array", value);
    }

    /** A map of strings, or an empty map when absent. */
    public Map<String, String> stringMap(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> strings = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String v)) {
                    throw mismatch(name, "object of strings", value);
                }
                strings.put(key, v);
            }
            return strings;
        }
        throw mismatch(name, "object", value);
    }

    private static IllegalStateException mismatch(String name, String expected, Object value) {
        return new IllegalStateException("argument '" + name + "' passed schema validation but is not a " + expected
                + " (" + value.getClass().getSimpleName() + ")");
    }
}
