package io.msbmcp.adapter.tool;

import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.Template;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The arguments the two execution tools share ({@code template}, {@code session_id}, {@code flavor}, {@code timeout}):
 * their JSON Schema text, with the configured defaults in it, and their conversion to wrapper types.
 */
final class SessionArguments {
    /** The session id pattern of SPEC.md section 6, also enforced by the wrapper's request records. */
    static final String SESSION_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$";

    static final String TEMPLATE = "template";
    static final String SESSION_ID = "session_id";
    static final String FLAVOR = "flavor";
    static final String TIMEOUT = "timeout";

    private SessionArguments() {}

    /**
     * The header 2026-07-28 clients mirror {@code session_id} into ({@code Mcp-Param-Session-Id}), so that a load
     * balancer can route every call of one sandbox session to the same instance.
     */
    static final String SESSION_ID_HEADER = "Session-Id";

    /** The schema of {@code session_id} as an input argument, annotated {@code x-mcp-header}. */
    static String sessionIdSchema(String description) {
        return """
                {"type": "string", "pattern": %s, "x-mcp-header": %s, "description": %s}""".formatted(
                        JsonSchemas.quote(SESSION_ID_PATTERN),
                        JsonSchemas.quote(SESSION_ID_HEADER),
                        JsonSchemas.quote(description));
    }

    /** The properties {@code template}, {@code session_id}, {@code flavor} and {@code timeout}, comma-separated. */
    static String properties(WrapperConfig config) {
        String templates = enumValues(
                Template.values().length,
                Arrays.stream(Template.values()).map(Template::id).collect(Collectors.joining("\", \"")));
        String flavors = enumValues(
                Flavor.values().length,
                Arrays.stream(Flavor.values()).map(Flavor::id).collect(Collectors.joining("\", \"")));
        long timeout = config.executionTimeout().toSeconds();
        return """
                "template": {
                  "type": "string", "enum": %s, "default": "python",
                  "description": "Sandbox template of a new session: python (Python 3 REPL, pip) or node (Node.js REPL, npm); default python. A reused session keeps its own template: leave this out (or repeat it) when passing session_id."
                },
                "session_id": %s,
                "flavor": {
                  "type": "string", "enum": %s, "default": %s,
                  "description": %s
                },
                "timeout": {
                  "type": "integer", "minimum": 1, "maximum": 3600, "default": %d,
                  "description": %s
                }""".formatted(
                        templates,
                        sessionIdSchema("Session to run in. Leave out to start a new session; pass the session_id of an"
                                + " earlier result to reuse its state. An unknown or expired id starts a new session"
                                + " under that id (session_created: true)."),
                        flavors,
                        JsonSchemas.quote(config.defaultFlavor().id()),
                        JsonSchemas.quote("Resources of a new session: small (1 CPU, 1 GiB), medium (2 CPUs, 2 GiB),"
                                + " large (4 CPUs, 4 GiB). Ignored when the session already exists. Default: "
                                + config.defaultFlavor().id() + "."),
                        timeout,
                        JsonSchemas.quote("Seconds the run may take, 1-3600. Default: " + timeout + "."));
    }

    /**
     * The properties {@code template}, {@code session_id} and {@code flavor} of a tool that may create a session but
     * runs nothing (no {@code timeout}), comma-separated.
     */
    static String sessionProperties(WrapperConfig config, String sessionIdDescription) {
        String all = properties(config);
        String withoutTimeout = all.substring(0, all.lastIndexOf(",\n\"timeout\""));
        String sessionIdLine = "\"session_id\": ";
        int start = withoutTimeout.indexOf(sessionIdLine);
        int end = withoutTimeout.indexOf(",\n", start);
        return withoutTimeout.substring(0, start)
                + sessionIdLine
                + sessionIdSchema(sessionIdDescription)
                + withoutTimeout.substring(end);
    }

    /** The template argument, or null when absent (python for a new session, the session's own for a live one). */
    static @Nullable Template template(ToolArguments arguments) {
        String template = arguments.string(TEMPLATE);
        return template == null ? null : Template.fromId(template);
    }

    static @Nullable Flavor flavor(ToolArguments arguments) {
        String flavor = arguments.string(FLAVOR);
        return flavor == null ? null : Flavor.fromId(flavor);
    }

    static @Nullable Duration timeout(ToolArguments arguments) {
        Long seconds = arguments.integer(TIMEOUT);
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static String enumValues(int count, String joined) {
        return count == 0 ? "[]" : "[\"" + joined + "\"]";
    }
}
