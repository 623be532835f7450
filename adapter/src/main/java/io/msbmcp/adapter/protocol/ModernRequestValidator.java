package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.errors.JsonRpcCodes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks a 2026-07-28 request must pass before dispatch, in the spec's order: required {@code _meta} fields (400,
 * -32602), {@code MCP-Protocol-Version} equal to the {@code _meta} version (400, -32020), a version this server speaks
 * (400, -32022 with {@code data.supported} and {@code data.requested}), {@code Mcp-Method} equal to the method, {@code
 * Mcp-Name} equal to {@code params.name}/{@code uri}, and each {@code Mcp-Param-*} header of a tool argument annotated
 * {@code x-mcp-header} equal to that argument (all 400, -32020). Header values are trimmed; {@code =?base64?…?=} values
 * are decoded strictly.
 */
final class ModernRequestValidator {
    static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]*={0,2}$");

    /** Per tool, the arguments annotated {@code x-mcp-header}: argument name to header suffix. */
    private final Map<String, Map<String, String>> headerArguments;

    ModernRequestValidator(Map<String, Map<String, String>> headerArguments) {
        this.headerArguments = Map.copyOf(headerArguments);
    }

    /** Throws {@link ProtocolException} for the first check {@code message} fails; {@code headers} looks up by name. */
    void validate(JsonRpcMessage message, Function<String, @Nullable String> headers) {
        Object id = message.id();
        ObjectNode meta = message.meta();
        if (meta == null) {
            throw invalidParams(
                    "Invalid params: a 2026-07-28 request needs \"params._meta\" with \""
                            + EraClassifier.META_PROTOCOL_VERSION + "\" and \"" + META_CLIENT_CAPABILITIES + "\"",
                    id);
        }
        JsonNode version = meta.get(EraClassifier.META_PROTOCOL_VERSION);
        if (version == null || !version.isTextual() || version.textValue().isBlank()) {
            throw invalidParams(
                    "Invalid params: \"params._meta\" must carry \"" + EraClassifier.META_PROTOCOL_VERSION
                            + "\" as a string, found " + JsonRpcParser.describe(version),
                    id);
        }
        JsonNode capabilities = meta.get(META_CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw invalidParams(
                    "Invalid params: \"params._meta\" must carry \"" + META_CLIENT_CAPABILITIES
                            + "\" as an object (may be empty), found " + JsonRpcParser.describe(capabilities),
                    id);
        }
        String requested = version.textValue();
        String header = trimmed(headers.apply("MCP-Protocol-Version"));
        if (header == null) {
            throw mismatch("the MCP-Protocol-Version header is missing; send the version of params._meta", id);
        }
        if (!header.equals(requested)) {
            throw mismatch(
                    "the MCP-Protocol-Version header ('" + abbreviate(header) + "') differs from params._meta ('"
                            + abbreviate(requested) + "')",
                    id);
        }
        if (!ProtocolEra.MODERN_VERSIONS.contains(requested)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("supported", ProtocolEra.MODERN_VERSIONS);
            data.put("requested", requested);
            throw new ProtocolException(
                    400,
                    ProtocolException.UNSUPPORTED_PROTOCOL_VERSION,
                    "Unsupported protocol version '" + abbreviate(requested) + "'; this server speaks "
                            + String.join(", ", ProtocolEra.MODERN_VERSIONS)
                            + " (and the 2025 revisions through initialize)",
                    id,
                    data);
        }
        String method = message.method();
        String methodHeader = trimmed(headers.apply("Mcp-Method"));
        if (methodHeader == null) {
            throw mismatch("the Mcp-Method header is missing; send the JSON-RPC method ('" + method + "')", id);
        }
        if (!methodHeader.equals(method)) {
            throw mismatch(
                    "the Mcp-Method header ('" + abbreviate(methodHeader) + "') differs from the method ('" + method
                            + "')",
                    id);
        }
        String nameMember = nameMember(method);
        String name = nameMember == null ? null : message.paramString(nameMember);
        if (name != null) {
            checkHeader(headers, "Mcp-Name", "params." + nameMember, name, id);
        }
        if ("tools/call".equals(method) && name != null) {
            checkToolArguments(message, headers, name, id);
        }
    }

    private void checkToolArguments(
            JsonRpcMessage message, Function<String, @Nullable String> headers, String tool, @Nullable Object id) {
        Map<String, String> annotated = headerArguments.get(tool);
        if (annotated == null) {
            return;
        }
        JsonNode arguments = message.params() == null ? null : message.params().get("arguments");
        for (Map.Entry<String, String> entry : annotated.entrySet()) {
            String headerName = "Mcp-Param-" + entry.getValue();
            JsonNode argument = arguments == null ? null : arguments.get(entry.getKey());
            String expected =
                    argument == null || argument.isNull() || argument.isContainerNode() ? null : argument.asText();
            if (expected == null) {
                if (trimmed(headers.apply(headerName)) != null) {
                    throw mismatch(
                            "the " + headerName + " header is sent but the argument '" + entry.getKey() + "' is absent",
                            id);
                }
                continue;
            }
            checkHeader(headers, headerName, "the argument '" + entry.getKey() + "'", expected, id);
        }
    }

    private static void checkHeader(
            Function<String, @Nullable String> headers,
            String headerName,
            String what,
            String expected,
            @Nullable Object id) {
        String raw = trimmed(headers.apply(headerName));
        if (raw == null) {
            throw mismatch("the " + headerName + " header is missing; it must repeat " + what, id);
        }
        String value = decode(headerName, raw, id);
        if (!value.equals(expected)) {
            throw mismatch("the " + headerName + " header ('" + abbreviate(value) + "') differs from " + what, id);
        }
    }

    /** The value of a header: literal, or the UTF-8 text of a {@code =?base64?…?=} value. */
    static String decode(String headerName, String value, @Nullable Object id) {
        if (!(value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11)) {
            return value;
        }
        String encoded = value.substring(9, value.length() - 2);
        if (!BASE64.matcher(encoded).matches() || encoded.length() % 4 != 0) {
            throw mismatch("the " + headerName + " header is not valid =?base64?...?= (padded standard Base64)", id);
        }
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw mismatch("the " + headerName + " header is not valid =?base64?...?= (padded standard Base64)", id);
        }
    }

    private static @Nullable String nameMember(@Nullable String method) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            // the tasks extension's methods; tasks/result and tasks/list are not methods in this era (404 -32601)
            case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
            default -> null;
        };
    }

    private static @Nullable String trimmed(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static ProtocolException invalidParams(String message, @Nullable Object id) {
        return ProtocolException.badRequest(JsonRpcCodes.INVALID_PARAMS, message, id);
    }

    private static ProtocolException mismatch(String what, @Nullable Object id) {
        return ProtocolException.badRequest(ProtocolException.HEADER_MISMATCH, "Header mismatch: " + what, id);
    }

    private static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 77) + "..." : clean;
    }
}
