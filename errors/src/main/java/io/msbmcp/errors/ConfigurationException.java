package io.msbmcp.errors;

import java.util.List;
import java.util.Map;

/** The server's configuration is wrong, or the Microsandbox server rejects its credentials. */
public final class ConfigurationException extends MsbException {
    private static final long serialVersionUID = 1L;

    private final String variable;

    private ConfigurationException(String variable, String message, List<String> suggestions, Map<String, ?> context) {
        super(ErrorCode.CONFIGURATION_ERROR, message, suggestions, context, null);
        this.variable = variable;
    }

    /** The configuration variable at fault, e.g. {@code MSB_MAX_SESSIONS}. */
    public String variable() {
        return variable;
    }

    /**
     * A variable has a bad value. The reason must not quote a secret value; for a non-secret value, quoting it helps.
     */
    public static ConfigurationException invalidValue(String variable, String reason) {
        return new ConfigurationException(
                variable,
                "Invalid " + variable + ": " + reason,
                List.of("Fix " + variable + " in the environment or the env file and restart the server"),
                context("variable", variable, "reason", reason));
    }

    /** One entry of {@code MSB_SHARED_VOLUME_PATH} is malformed. */
    public static ConfigurationException invalidVolumeMapping(String entry, String reason) {
        String variable = "MSB_SHARED_VOLUME_PATH";
        return new ConfigurationException(
                variable,
                "Invalid " + variable + " entry '" + entry + "': " + reason,
                List.of(
                        "Write each mapping as host_path:container_path with two absolute paths",
                        "Use a JSON array (e.g. [\"/srv/data:/data\"]) or a comma-separated list"),
                context("variable", variable, "entry", entry, "reason", reason));
    }

    /**
     * The Microsandbox server requires an API key (HTTP 401) but none is configured: it runs without {@code --dev}
     * while {@code MSB_API_KEY} is unset.
     */
    public static ConfigurationException apiKeyMissing(String serverUrl) {
        return new ConfigurationException(
                "MSB_API_KEY",
                "The Microsandbox server at '" + serverUrl + "' requires an API key, but MSB_API_KEY is not set"
                        + " (HTTP 401)",
                List.of(
                        "Set MSB_API_KEY to a key printed by msb server keygen",
                        "Or start the Microsandbox server with --dev, which needs no key"),
                context("server_url", serverUrl, "http_status", 401));
    }

    /** The Microsandbox server refused the API key (HTTP 401) or its namespace scope (HTTP 403). */
    public static ConfigurationException apiKeyRejected(String serverUrl, int httpStatus, String namespace) {
        boolean scope = httpStatus == 403;
        String message = scope
                ? "The Microsandbox server at '" + serverUrl + "' denied access to namespace '" + namespace
                        + "' for the configured API key (HTTP 403)"
                : "The Microsandbox server at '" + serverUrl + "' rejected the API key (HTTP " + httpStatus + ")";
        List<String> suggestions = scope
                ? List.of(
                        "Use a key generated for namespace '" + namespace + "' (msb server keygen --namespace "
                                + namespace + ") or an unscoped key",
                        "Or set MSB_NAMESPACE to the namespace the key was generated for")
                : List.of(
                        "Set MSB_API_KEY to a valid key: msb server keygen prints one",
                        "Keys expire (24 h by default): generate a new one with a longer --expire",
                        "If the Microsandbox server runs with --dev, leave MSB_API_KEY unset");
        return new ConfigurationException(
                "MSB_API_KEY",
                message,
                suggestions,
                context("server_url", serverUrl, "http_status", httpStatus, "namespace", namespace));
    }
}
