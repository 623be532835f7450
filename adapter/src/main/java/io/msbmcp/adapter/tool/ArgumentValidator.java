package io.msbmcp.adapter.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import io.msbmcp.errors.InvalidArgumentException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Validates tool arguments against a tool's input schema (JSON Schema 2020-12, networknt validator) and reports the
 * first violation as an {@link InvalidArgumentException} naming the argument, so it becomes a {@code -32602} error
 * with the same {@code data} shape as every other error. The SDK's own input validation is turned off: it answers
 * violations with an {@code isError} result that names no field.
 */
final class ArgumentValidator {
    /** JSON Schema 2020-12, knowing MCP's {@code x-mcp-header} annotation (it does not validate anything). */
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft202012())
                    .keyword(new NonValidationKeyword("x-mcp-header"))
                    .build());

    /** Violations on the arguments object itself (unknown or missing argument) are reported before nested ones. */
    private static final Comparator<Error> ORDER = Comparator.comparingInt((Error e) -> rank(e.getKeyword()))
            .thenComparing(e -> e.getInstanceLocation().toString());

    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private final ObjectMapper mapper;
    private final Map<String, Object> schemaMap;
    private final Schema schema;
    private final String tool;
    /**
     * Whether no arguments (or {@code {}}) conform, found once: a call without arguments then skips the validator, which
     * allocates an execution context to find the same answer each time.
     */
    private final boolean noArgumentsConform;

    ArgumentValidator(ObjectMapper mapper, String tool, Map<String, Object> inputSchema) {
        this.mapper = mapper;
        this.tool = tool;
        this.schemaMap = inputSchema;
        this.schema = REGISTRY.getSchema(mapper.valueToTree(inputSchema));
        this.noArgumentsConform = schema.validate(EMPTY).isEmpty();
    }

    /** Throws for the first violation; returns normally when the arguments conform. */
    void validate(@Nullable Map<String, Object> arguments) {
        validate(arguments == null ? null : mapper.<JsonNode>valueToTree(arguments));
    }

    /** Throws for the first violation of {@code arguments} (null: none given, checked as an empty object). */
    void validate(@Nullable JsonNode arguments) {
        boolean none = arguments == null || (arguments.isObject() && arguments.isEmpty());
        if (none && noArgumentsConform) {
            return;
        }
        List<Error> errors = schema.validate(arguments == null ? EMPTY : arguments);
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.stream().min(ORDER).orElseThrow();
        String field = field(first);
        String reason = reason(first, field);
        if (errors.size() > 1) {
            reason = reason + " (and " + (errors.size() - 1) + " more problem" + (errors.size() > 2 ? "s" : "") + ")";
        }
        throw InvalidArgumentException.of(field, reason);
    }

    private static int rank(@Nullable String keyword) {
        if ("additionalProperties".equals(keyword)) {
            return 0;
        }
        if ("required".equals(keyword)) {
            return 1;
        }
        return "type".equals(keyword) ? 2 : 3;
    }

    /** The argument's path, e.g. {@code timeout}, {@code env.FOO} or {@code dependencies[0]}. */
    private static String field(Error error) {
        String path = path(error.getInstanceLocation());
        String property = error.getProperty();
        String keyword = error.getKeyword();
        if (property != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            return path.isEmpty() ? property : path + "." + property;
        }
        return path.isEmpty() ? "arguments" : path;
    }

    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number index) {
                path.append('[').append(index).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    private String reason(Error error, String field) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode actual = error.getInstanceNode();
        switch (keyword) {
            case "required":
                return "is required";
            case "additionalProperties":
                if (field.contains(".")) {
                    return "is not allowed here";
                }
                return "is not an argument of " + tool + " (its arguments are: " + knownArguments() + ")";
            case "type":
                return "must be " + article(expectedType(error)) + " (got " + describe(actual) + ")";
            case "enum":
                return "must be one of " + join(error.getSchemaNode()) + " (got " + describe(actual) + ")";
            case "minimum":
            case "maximum":
                JsonNode property = propertySchema(field);
                if (property != null && property.has("minimum") && property.has("maximum")) {
                    return "must be between " + property.get("minimum") + " and " + property.get("maximum") + " (got "
                            + describe(actual) + ")";
                }
                return "must be " + (keyword.equals("minimum") ? "at least " : "at most ") + error.getSchemaNode()
                        + " (got " + describe(actual) + ")";
            case "minLength":
                return "must not be empty";
            case "maxLength":
                return "must be at most " + error.getSchemaNode() + " characters long";
            case "pattern":
                if (field.equals(SessionArguments.SESSION_ID)) {
                    return "must be 1-48 characters of letters, digits, '-' or '_', starting with a letter or digit"
                            + " (got " + describe(actual) + ")";
                }
                return "must match " + error.getSchemaNode() + " (got " + describe(actual) + ")";
            case "maxItems":
                return "must have at most " + error.getSchemaNode() + " items";
            case "maxProperties":
                return "must have at most " + error.getSchemaNode() + " entries";
            default:
                String message = error.getMessage();
                int colon = message.indexOf(": ");
                return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
        }
    }

    private String knownArguments() {
        Object properties = schemaMap.get("properties");
        if (properties instanceof Map<?, ?> map && !map.isEmpty()) {
            return String.join(
                    ", ",
                    new TreeSet<>(map.keySet().stream().map(String::valueOf).toList()));
        }
        return "none";
    }

    private @Nullable JsonNode propertySchema(String field) {
        JsonNode properties = schema.getSchemaNode().get("properties");
        return properties == null ? null : properties.get(field);
    }

    private static String expectedType(Error error) {
        JsonNode type = error.getSchemaNode();
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            return join(type).replace("\"", "");
        }
        return "of another type";
    }

    private static String article(String type) {
        if (type.startsWith("of ")) {
            return type;
        }
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static String join(@Nullable JsonNode values) {
        if (values == null || !values.isArray()) {
            return String.valueOf(values);
        }
        StringBuilder joined = new StringBuilder();
        for (Iterator<JsonNode> it = values.elements(); it.hasNext(); ) {
            joined.append(it.next().asText());
            if (it.hasNext()) {
                joined.append(", ");
            }
        }
        return joined.toString();
    }

    private static String describe(@Nullable JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return text.length() > 60 ? "'" + text.substring(0, 57) + "...'" : "'" + text + "'";
        }
        if (value.isContainerNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        return value.toString();
    }
}
