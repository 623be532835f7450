package io.msbmcp.wrapper.config;

import static java.util.Objects.requireNonNull;

import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.VolumeMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the wrapper is configured with. {@link WrapperConfigLoader} reads it from {@code MSB_*} environment
 * variables; {@link #builder()} makes one in code. {@link #toString()} never shows the API key.
 *
 * @param serverUrl the Microsandbox server, e.g. {@code http://127.0.0.1:5555} ({@code MSB_SERVER_URL})
 * @param apiKey the bearer key, or null when the server runs with {@code --dev} ({@code MSB_API_KEY})
 * @param namespace the namespace of every sandbox this server starts ({@code MSB_NAMESPACE})
 * @param sessionTimeout idle time after which a session is stopped ({@code MSB_SESSION_TIMEOUT})
 * @param cleanupInterval period of the expiry sweep ({@code MSB_CLEANUP_INTERVAL})
 * @param orphanCleanupInterval period of the orphan sweep ({@code MSB_ORPHAN_CLEANUP_INTERVAL})
 * @param maxSessions live sessions allowed at once ({@code MSB_MAX_SESSIONS})
 * @param maxTotalMemoryMb memory all live sessions may reserve together, or null ({@code MSB_MAX_TOTAL_MEMORY_MB})
 * @param defaultFlavor flavor of sessions created without one ({@code MSB_DEFAULT_FLAVOR})
 * @param volumeMappings host folders shared with every sandbox ({@code MSB_SHARED_VOLUME_PATH})
 * @param sandboxStartTimeout how long {@code sandbox.start} may take ({@code MSB_SANDBOX_START_TIMEOUT})
 * @param executionTimeout default run timeout ({@code MSB_EXECUTION_TIMEOUT})
 * @param maxOutputBytes cap per output stream ({@code MSB_MAX_OUTPUT_BYTES})
 * @param maxSessionsPerPrincipal live sessions one principal may hold at once, or null for no limit beyond {@code
 *     maxSessions} ({@code MSB_MAX_SESSIONS_PER_PRINCIPAL})
 * @param maxFileBytes the largest file moved in either direction by the file tools ({@code MSB_MAX_FILE_BYTES})
 * @param maxInlineImageBytes the largest picture a run's result shows inline ({@code MSB_MAX_INLINE_IMAGE_BYTES})
 */
public record WrapperConfig(
        URI serverUrl,
        @Nullable String apiKey,
        String namespace,
        Duration sessionTimeout,
        Duration cleanupInterval,
        Duration orphanCleanupInterval,
        int maxSessions,
        @Nullable Long maxTotalMemoryMb,
        Flavor defaultFlavor,
        List<VolumeMapping> volumeMappings,
        Duration sandboxStartTimeout,
        Duration executionTimeout,
        int maxOutputBytes,
        @Nullable Integer maxSessionsPerPrincipal,
        long maxFileBytes,
        long maxInlineImageBytes) {

    public static final URI DEFAULT_SERVER_URL = URI.create("http://127.0.0.1:5555");
    public static final String DEFAULT_NAMESPACE = "msb-mcp";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(1800);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_ORPHAN_CLEANUP_INTERVAL = Duration.ofSeconds(600);
    public static final int DEFAULT_MAX_SESSIONS = 10;
    public static final Duration DEFAULT_SANDBOX_START_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration DEFAULT_EXECUTION_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_MAX_INLINE_IMAGE_BYTES = 1024 * 1024;

    public WrapperConfig {
        requireNonNull(serverUrl, "serverUrl");
        requireNonNull(namespace, "namespace");
        requirePositive(sessionTimeout, "sessionTimeout");
        requirePositive(cleanupInterval, "cleanupInterval");
        requirePositive(orphanCleanupInterval, "orphanCleanupInterval");
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
        }
        if (maxTotalMemoryMb != null && maxTotalMemoryMb < 1) {
            throw new IllegalArgumentException("maxTotalMemoryMb must be positive, was " + maxTotalMemoryMb);
        }
        requireNonNull(defaultFlavor, "defaultFlavor");
        volumeMappings = List.copyOf(volumeMappings);
        requirePositive(sandboxStartTimeout, "sandboxStartTimeout");
        requirePositive(executionTimeout, "executionTimeout");
        if (maxSessionsPerPrincipal != null && maxSessionsPerPrincipal < 1) {
            throw new IllegalArgumentException(
                    "maxSessionsPerPrincipal must be at least 1, was " + maxSessionsPerPrincipal);
        }
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
        }
        if (maxInlineImageBytes < 0) {
            throw new IllegalArgumentException("maxInlineImageBytes must not be negative, was " + maxInlineImageBytes);
        }
    }

    /** A configuration with every default: local server without key, namespace {@code msb-mcp}. */
    public static WrapperConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .serverUrl(serverUrl)
                .apiKey(apiKey)
                .namespace(namespace)
                .sessionTimeout(sessionTimeout)
                .cleanupInterval(cleanupInterval)
                .orphanCleanupInterval(orphanCleanupInterval)
                .maxSessions(maxSessions)
                .maxTotalMemoryMb(maxTotalMemoryMb)
                .defaultFlavor(defaultFlavor)
                .volumeMappings(volumeMappings)
                .sandboxStartTimeout(sandboxStartTimeout)
                .executionTimeout(executionTimeout)
                .maxOutputBytes(maxOutputBytes)
                .maxSessionsPerPrincipal(maxSessionsPerPrincipal)
                .maxFileBytes(maxFileBytes)
                .maxInlineImageBytes(maxInlineImageBytes);
    }

    /** The server URL as shown in messages and logs: scheme, host, port and path only. */
    public String serverUrlForDisplay() {
        String port = serverUrl.getPort() < 0 ? "" : ":" + serverUrl.getPort();
        String path = serverUrl.getRawPath() == null ? "" : serverUrl.getRawPath();
        return serverUrl.getScheme() + "://" + serverUrl.getHost() + port + path;
    }

    @Override
    public String toString() {
        return "WrapperConfig[serverUrl=" + serverUrlForDisplay() + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", namespace=" + namespace + ", sessionTimeout=" + sessionTimeout + ", cleanupInterval="
                + cleanupInterval + ", orphanCleanupInterval=" + orphanCleanupInterval + ", maxSessions="
                + maxSessions + ", maxTotalMemoryMb=" + maxTotalMemoryMb + ", defaultFlavor=" + defaultFlavor.id()
                + ", volumeMappings=" + volumeMappings + ", sandboxStartTimeout=" + sandboxStartTimeout
                + ", executionTimeout=" + executionTimeout + ", maxOutputBytes=" + maxOutputBytes
                + ", maxSessionsPerPrincipal=" + maxSessionsPerPrincipal
                + ", maxFileBytes=" + maxFileBytes + ", maxInlineImageBytes=" + maxInlineImageBytes + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /** Builds a {@link WrapperConfig}; unset values take the defaults of SPEC.md section 7. */
    public static final class Builder {
        private URI serverUrl = DEFAULT_SERVER_URL;
        private @Nullable String apiKey;
        private String namespace = DEFAULT_NAMESPACE;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
        private Duration orphanCleanupInterval = DEFAULT_ORPHAN_CLEANUP_INTERVAL;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private @Nullable Long maxTotalMemoryMb;
        private Flavor defaultFlavor = Flavor.SMALL;
        private List<VolumeMapping> volumeMappings = List.of();
        private Duration sandboxStartTimeout = DEFAULT_SANDBOX_START_TIMEOUT;
        private Duration executionTimeout = DEFAULT_EXECUTION_TIMEOUT;
        private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
        private @Nullable Integer maxSessionsPerPrincipal;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private long maxInlineImageBytes = DEFAULT_MAX_INLINE_IMAGE_BYTES;

        private Builder() {}

        public Builder serverUrl(URI serverUrl) {
            this.serverUrl = requireNonNull(serverUrl, "serverUrl");
            return this;
        }

        public Builder serverUrl(String serverUrl) {
            return serverUrl(URI.create(serverUrl));
        }

        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = requireNonNull(namespace, "namespace");
            return this;
        }

        public Builder sessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
            return this;
        }

        public Builder cleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = cleanupInterval;
            return this;
        }

        public Builder orphanCleanupInterval(Duration orphanCleanupInterval) {
            this.orphanCleanupInterval = orphanCleanupInterval;
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder maxTotalMemoryMb(@Nullable Long maxTotalMemoryMb) {
            this.maxTotalMemoryMb = maxTotalMemoryMb;
            return this;
        }

        public Builder defaultFlavor(Flavor defaultFlavor) {
            this.defaultFlavor = requireNonNull(defaultFlavor, "defaultFlavor");
            return this;
        }

        public Builder volumeMappings(List<VolumeMapping> volumeMappings) {
            this.volumeMappings = List.copyOf(volumeMappings);
            return this;
        }

        public Builder sandboxStartTimeout(Duration sandboxStartTimeout) {
            this.sandboxStartTimeout = sandboxStartTimeout;
            return this;
        }

        public Builder executionTimeout(Duration executionTimeout) {
            this.executionTimeout = executionTimeout;
            return this;
        }

        public Builder maxOutputBytes(int maxOutputBytes) {
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        public Builder maxSessionsPerPrincipal(@Nullable Integer maxSessionsPerPrincipal) {
            this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
            return this;
        }

        public Builder maxFileBytes(long maxFileBytes) {
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        public Builder maxInlineImageBytes(long maxInlineImageBytes) {
            this.maxInlineImageBytes = maxInlineImageBytes;
            return this;
        }

        public WrapperConfig build() {
            return new WrapperConfig(
                    serverUrl,
                    apiKey,
                    namespace,
                    sessionTimeout,
                    cleanupInterval,
                    orphanCleanupInterval,
                    maxSessions,
                    maxTotalMemoryMb,
                    defaultFlavor,
                    volumeMappings,
                    sandboxStartTimeout,
                    executionTimeout,
                    maxOutputBytes,
                    maxSessionsPerPrincipal,
                    maxFileBytes,
                    maxInlineImageBytes);
        }
    }
}
