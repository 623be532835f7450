package io.msbmcp.wrapper.config;

import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.VolumeMapping;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link WrapperConfig} from {@code MSB_*} environment variables. Each bad value stops loading with one {@link
 * ConfigurationException} whose message names the variable and the reason. An empty variable counts as unset.
 */
public final class WrapperConfigLoader {
    /** Every environment variable this loader reads. */
    public static final List<String> VARIABLES = List.of(
            "MSB_SERVER_URL",
            "MSB_API_KEY",
            "MSB_NAMESPACE",
            "MSB_SESSION_TIMEOUT",
            "MSB_CLEANUP_INTERVAL",
            "MSB_ORPHAN_CLEANUP_INTERVAL",
            "MSB_MAX_SESSIONS",
            "MSB_MAX_TOTAL_MEMORY_MB",
            "MSB_DEFAULT_FLAVOR",
            "MSB_SHARED_VOLUME_PATH",
            "MSB_SANDBOX_START_TIMEOUT",
            "MSB_EXECUTION_TIMEOUT",
            "MSB_MAX_OUTPUT_BYTES",
            "MSB_MAX_SESSIONS_PER_PRINCIPAL",
            "MSB_MAX_FILE_BYTES",
            "MSB_MAX_INLINE_IMAGE_BYTES");

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$");
    private static final long DAY_SECONDS = 86_400;

    private final Map<String, String> env;

    private WrapperConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Loads from the process environment. */
    public static WrapperConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Loads from the given variables (missing ones take their defaults). */
    public static WrapperConfig from(Map<String, String> env) {
        return new WrapperConfigLoader(env).load();
    }

    private WrapperConfig load() {
        WrapperConfig.Builder builder = WrapperConfig.builder();
        String url = get("MSB_SERVER_URL");
        if (url != null) {
            builder.serverUrl(serverUrl(url));
        }
        String apiKey = get("MSB_API_KEY");
        if (apiKey != null) {
            if (apiKey.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw ConfigurationException.invalidValue(
                        "MSB_API_KEY", "must not contain spaces or control characters (value not shown)");
            }
            builder.apiKey(apiKey);
        }
        String namespace = get("MSB_NAMESPACE");
        if (namespace != null) {
            if (!NAME.matcher(namespace).matches()) {
                throw ConfigurationException.invalidValue(
                        "MSB_NAMESPACE",
                        "must be 1-63 characters of letters, digits, '-' or '_', starting with a letter or digit (got '"
                                + namespace + "')");
            }
            builder.namespace(namespace);
        }
        builder.sessionTimeout(seconds("MSB_SESSION_TIMEOUT", WrapperConfig.DEFAULT_SESSION_TIMEOUT, 7 * DAY_SECONDS));
        builder.cleanupInterval(seconds("MSB_CLEANUP_INTERVAL", WrapperConfig.DEFAULT_CLEANUP_INTERVAL, DAY_SECONDS));
        builder.orphanCleanupInterval(
                seconds("MSB_ORPHAN_CLEANUP_INTERVAL", WrapperConfig.DEFAULT_ORPHAN_CLEANUP_INTERVAL, DAY_SECONDS));
        builder.maxSessions(
                (int) integer("MSB_MAX_SESSIONS", WrapperConfig.DEFAULT_MAX_SESSIONS, 1, 10_000, "sessions"));
        String perPrincipal = get("MSB_MAX_SESSIONS_PER_PRINCIPAL");
        if (perPrincipal != null) {
            builder.maxSessionsPerPrincipal((int) integer("MSB_MAX_SESSIONS_PER_PRINCIPAL", 0, 1, 10_000, "sessions"));
        }
        String memory = get("MSB_MAX_TOTAL_MEMORY_MB");
        if (memory != null) {
            builder.maxTotalMemoryMb(
                    integer("MSB_MAX_TOTAL_MEMORY_MB", 0, Flavor.SMALL.memoryMb(), 16L * 1024 * 1024, "MiB"));
        }
        String flavor = get("MSB_DEFAULT_FLAVOR");
        if (flavor != null) {
            try {
                builder.defaultFlavor(Flavor.fromId(flavor));
            } catch (RuntimeException e) {
                throw ConfigurationException.invalidValue(
                        "MSB_DEFAULT_FLAVOR", "must be one of " + Flavor.ids() + " (got '" + flavor + "')");
            }
        }
        String volumes = get("MSB_SHARED_VOLUME_PATH");
        if (volumes != null) {
            List<VolumeMapping> mappings = VolumeMappingParser.parse(volumes);
            builder.volumeMappings(mappings);
        }
        builder.sandboxStartTimeout(
                seconds("MSB_SANDBOX_START_TIMEOUT", WrapperConfig.DEFAULT_SANDBOX_START_TIMEOUT, 3600));
        builder.executionTimeout(seconds("MSB_EXECUTION_TIMEOUT", WrapperConfig.DEFAULT_EXECUTION_TIMEOUT, 3600));
        builder.maxOutputBytes((int) integer(
                "MSB_MAX_OUTPUT_BYTES", WrapperConfig.DEFAULT_MAX_OUTPUT_BYTES, 1024, 64L * 1024 * 1024, "bytes"));
        builder.maxFileBytes(
                integer("MSB_MAX_FILE_BYTES", WrapperConfig.DEFAULT_MAX_FILE_BYTES, 1, 256L * 1024 * 1024, "bytes"));
        builder.maxInlineImageBytes(integer(
                "MSB_MAX_INLINE_IMAGE_BYTES",
                WrapperConfig.DEFAULT_MAX_INLINE_IMAGE_BYTES,
                0,
                16L * 1024 * 1024,
                "bytes"));
        return builder.build();
    }

    private @Nullable String get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI serverUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ConfigurationException.invalidValue("MSB_SERVER_URL", "not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw ConfigurationException.invalidValue(
                    "MSB_SERVER_URL", "must be an http:// or https:// URL such as http://127.0.0.1:5555");
        }
        if (uri.getHost() == null) {
            throw ConfigurationException.invalidValue("MSB_SERVER_URL", "has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw ConfigurationException.invalidValue(
                    "MSB_SERVER_URL", "must not contain credentials; put the key in MSB_API_KEY");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ConfigurationException.invalidValue("MSB_SERVER_URL", "must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(
                    scheme.toLowerCase(java.util.Locale.ROOT), null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw ConfigurationException.invalidValue("MSB_SERVER_URL", "not a valid URL (" + e.getReason() + ")");
        }
    }

    private Duration seconds(String name, Duration defaultValue, long max) {
        return Duration.ofSeconds(integer(name, defaultValue.toSeconds(), 1, max, "seconds"));
    }

    private long integer(String name, long defaultValue, long min, long max, String unit) {
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigurationException.invalidValue(
                    name, "must be a whole number of " + unit + " (got '" + value + "')");
        }
        if (parsed < min || parsed > max) {
            throw ConfigurationException.invalidValue(
                    name, "must be between " + min + " and " + max + " " + unit + " (got " + parsed + ")");
        }
        return parsed;
    }
}
