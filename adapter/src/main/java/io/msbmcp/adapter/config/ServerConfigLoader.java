package io.msbmcp.adapter.config;

import io.msbmcp.adapter.task.TaskLimits;
import io.msbmcp.errors.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link ServerConfig} from the {@code MCP_*} environment variables. Each bad value stops loading with one
 * {@link ConfigurationException} whose message names the variable and the reason; the static checks are shared with
 * the command-line flags, which then name the flag. An empty variable counts as unset.
 */
public final class ServerConfigLoader {
    /** Every environment variable this loader reads. */
    public static final List<String> VARIABLES = List.of(
            "MCP_SERVER_HOST",
            "MCP_SERVER_PORT",
            "MCP_ENABLE_CORS",
            "MCP_CORS_ORIGINS",
            "MCP_AUTH_TOKEN",
            "MCP_AUTH_TOKENS",
            "MCP_AUTH_TOKENS_FILE",
            "MCP_ALLOWED_HOSTS",
            "MCP_MAX_REQUEST_BYTES",
            "MCP_LOG_LEVEL",
            "MCP_LOG_FORMAT",
            "MCP_SHUTDOWN_TIMEOUT",
            "MCP_REQUEST_BODY_TIMEOUT",
            "MCP_PROGRESS_INTERVAL",
            "MCP_TASK_TTL",
            "MCP_TASK_AFTER",
            "MCP_MAX_TASKS",
            "MCP_MAX_TASK_RESULT_BYTES");

    private static final int MIN_REQUEST_BYTES = 1024;
    private static final int MAX_REQUEST_BYTES = 1024 * 1024 * 1024;
    private static final Pattern HOST = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._:-]+)$");
    private static final Pattern HOST_WITH_PORT =
            Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(:([0-9]{1,5}|\\*))?$");
    private static final Pattern ORIGIN = Pattern.compile("^https?://[A-Za-z0-9.*\\[\\]:_-]+$");

    private final Map<String, String> env;

    private ServerConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Loads from the given variables (missing ones take their defaults). */
    public static ServerConfig from(Map<String, String> env) {
        return new ServerConfigLoader(env).load();
    }

    private ServerConfig load() {
        ServerConfig.Builder builder = ServerConfig.builder();
        String host = get("MCP_SERVER_HOST");
        if (host != null) {
            builder.host(host("MCP_SERVER_HOST", host));
        }
        String port = get("MCP_SERVER_PORT");
        if (port != null) {
            builder.port(port("MCP_SERVER_PORT", port));
        }
        String cors = get("MCP_ENABLE_CORS");
        if (cors != null) {
            builder.corsEnabled(bool("MCP_ENABLE_CORS", cors));
        }
        String origins = get("MCP_CORS_ORIGINS");
        if (origins != null) {
            builder.corsOrigins(origins("MCP_CORS_ORIGINS", origins));
        }
        String token = get("MCP_AUTH_TOKEN");
        if (token != null) {
            if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw ConfigurationException.invalidValue(
                        "MCP_AUTH_TOKEN", "must not contain spaces or control characters (value not shown)");
            }
            builder.authToken(token);
        }
        java.util.Map<String, String> principals = AuthTokens.empty();
        String tokens = get("MCP_AUTH_TOKENS");
        if (tokens != null) {
            AuthTokens.parse("MCP_AUTH_TOKENS", tokens, principals);
        }
        String tokensFile = get("MCP_AUTH_TOKENS_FILE");
        if (tokensFile != null) {
            AuthTokens.readFile("MCP_AUTH_TOKENS_FILE", tokensFile, principals);
        }
        if (token != null) {
            if (principals.containsKey(io.msbmcp.wrapper.call.CallContext.DEFAULT_PRINCIPAL)) {
                throw ConfigurationException.invalidValue(
                        "MCP_AUTH_TOKENS",
                        "names a principal 'default', which MCP_AUTH_TOKEN already is; rename it or drop"
                                + " MCP_AUTH_TOKEN");
            }
            if (principals.containsValue(token)) {
                throw ConfigurationException.invalidValue(
                        "MCP_AUTH_TOKENS", "repeats MCP_AUTH_TOKEN as another principal's token (value not shown)");
            }
        }
        builder.authTokens(principals);
        String allowedHosts = get("MCP_ALLOWED_HOSTS");
        if (allowedHosts != null) {
            builder.allowedHosts(allowedHosts("MCP_ALLOWED_HOSTS", allowedHosts));
        }
        String maxBytes = get("MCP_MAX_REQUEST_BYTES");
        if (maxBytes != null) {
            builder.maxRequestBytes(
                    (int) integer("MCP_MAX_REQUEST_BYTES", maxBytes, MIN_REQUEST_BYTES, MAX_REQUEST_BYTES, "bytes"));
        }
        String level = get("MCP_LOG_LEVEL");
        if (level != null) {
            builder.logLevel(logLevel("MCP_LOG_LEVEL", level));
        }
        String format = get("MCP_LOG_FORMAT");
        if (format != null) {
            LogFormat parsed = LogFormat.parse(format);
            if (parsed == null) {
                throw ConfigurationException.invalidValue(
                        "MCP_LOG_FORMAT", "must be text or json (got '" + format + "')");
            }
            builder.logFormat(parsed);
        }
        String shutdown = get("MCP_SHUTDOWN_TIMEOUT");
        if (shutdown != null) {
            builder.shutdownTimeout(Duration.ofSeconds(integer("MCP_SHUTDOWN_TIMEOUT", shutdown, 0, 3600, "seconds")));
        }
        String bodyTimeout = get("MCP_REQUEST_BODY_TIMEOUT");
        if (bodyTimeout != null) {
            builder.requestBodyTimeout(
                    Duration.ofSeconds(integer("MCP_REQUEST_BODY_TIMEOUT", bodyTimeout, 1, 600, "seconds")));
        }
        String progress = get("MCP_PROGRESS_INTERVAL");
        if (progress != null) {
            builder.progressInterval(
                    Duration.ofSeconds(integer("MCP_PROGRESS_INTERVAL", progress, 1, 3600, "seconds")));
        }
        loadTasks(builder);
        return builder.build();
    }

    private void loadTasks(ServerConfig.Builder builder) {
        TaskLimits defaults = TaskLimits.defaults();
        String ttl = get("MCP_TASK_TTL");
        Duration taskTtl = ttl == null
                ? defaults.defaultTtl()
                : Duration.ofSeconds(integer("MCP_TASK_TTL", ttl, 1, 7 * 24 * 3600, "seconds"));
        String maxTasks = get("MCP_MAX_TASKS");
        String maxBytes = get("MCP_MAX_TASK_RESULT_BYTES");
        builder.taskLimits(new TaskLimits(
                taskTtl,
                taskTtl.compareTo(defaults.maxTtl()) > 0 ? taskTtl : defaults.maxTtl(),
                maxTasks == null ? defaults.maxTasks() : (int) integer("MCP_MAX_TASKS", maxTasks, 1, 100_000, "tasks"),
                maxBytes == null
                        ? defaults.maxResultBytes()
                        : integer("MCP_MAX_TASK_RESULT_BYTES", maxBytes, 1024, 64L * 1024 * 1024 * 1024, "bytes")));
        String after = get("MCP_TASK_AFTER");
        if (after != null) {
            builder.taskAfter(Duration.ofSeconds(integer("MCP_TASK_AFTER", after, 0, 3600, "seconds")));
        }
    }

    private @Nullable String get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A host name or IP address to bind; {@code name} is the variable or flag reported on error. */
    public static String host(String name, String value) {
        String host = value.trim();
        if (host.contains("://")) {
            throw ConfigurationException.invalidValue(
                    name, "must be a host name or IP address such as 127.0.0.1, not a URL (got '" + host + "')");
        }
        if (!HOST.matcher(host).matches()) {
            throw ConfigurationException.invalidValue(
                    name, "must be a host name or IP address such as 127.0.0.1 (got '" + host + "')");
        }
        return host;
    }

    /** A TCP port, 0 meaning any free port; {@code name} is the variable or flag reported on error. */
    public static int port(String name, String value) {
        return (int) integer(name, value, 0, 65535, "");
    }

    /** A log level name; {@code name} is the variable or flag reported on error. */
    public static LogLevel logLevel(String name, String value) {
        LogLevel level = LogLevel.parse(value);
        if (level == null) {
            throw ConfigurationException.invalidValue(
                    name, "must be one of " + LogLevel.names() + " (got '" + value.trim() + "')");
        }
        return level;
    }

    private static boolean bool(String name, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
            case "yes":
            case "on":
                return true;
            case "false":
            case "0":
            case "no":
            case "off":
                return false;
            default:
                throw ConfigurationException.invalidValue(name, "must be true or false (got '" + value + "')");
        }
    }

    private static List<String> origins(String name, String value) {
        List<String> origins = new ArrayList<>();
        for (String entry : value.split(",")) {
            String origin = entry.trim();
            if (origin.endsWith("/")) {
                origin = origin.substring(0, origin.length() - 1);
            }
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw ConfigurationException.invalidValue(
                        name,
                        "entry '" + origin + "' must be * or an origin such as http://localhost:3000 (scheme, host"
                                + " and optional port, no path; * may stand for any part)");
            }
            origins.add(origin);
        }
        if (origins.isEmpty()) {
            throw ConfigurationException.invalidValue(name, "must list at least one origin, or *");
        }
        return origins;
    }

    private static List<String> allowedHosts(String name, String value) {
        List<String> hosts = new ArrayList<>();
        for (String entry : value.split(",")) {
            String host = entry.trim();
            if (host.isEmpty()) {
                continue;
            }
            if (!HOST_WITH_PORT.matcher(host).matches()) {
                throw ConfigurationException.invalidValue(
                        name,
                        "entry '" + host + "' must be a host name, optionally with :port, such as mcp.example.com"
                                + " (no scheme, no path)");
            }
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        return hosts;
    }

    private static long integer(String name, String value, long min, long max, String unit) {
        long parsed;
        String suffix = unit.isEmpty() ? "" : " " + unit;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ConfigurationException.invalidValue(
                    name, "must be a whole number" + (unit.isEmpty() ? "" : " of " + unit) + " (got '" + value + "')");
        }
        if (parsed < min || parsed > max) {
            throw ConfigurationException.invalidValue(
                    name, "must be between " + min + " and " + max + suffix + " (got " + parsed + ")");
        }
        return parsed;
    }
}
