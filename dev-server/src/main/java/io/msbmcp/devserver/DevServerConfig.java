package io.msbmcp.devserver;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to run a {@link DevServer}.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port, {@code 0} (the default) for a free one
 * @param apiKey the key every RPC must carry ({@code Authorization: Bearer <key>}); {@code null} (the default) means no
 *     authentication, like {@code msb server start --dev}
 * @param dataDir where namespaces, configurations and work directories live; {@code null} (the default) means a fresh
 *     temporary directory that {@link DevServer#close()} deletes
 * @param isolation whether to jail sandboxes with bubblewrap, {@link IsolationMode#AUTO} by default
 * @param pythonCommand the Python to use, a name on the PATH or a path ({@code python3}); the real interpreter behind
 *     it (past any pyenv-style shim) is what runs
 * @param nodeCommand the Node.js to use ({@code node}), resolved the same way
 * @param outputLimitBytes the most bytes of one stream one run collects (16 MiB); the rest is dropped with a note
 */
public record DevServerConfig(
        String host,
        int port,
        @Nullable String apiKey,
        @Nullable Path dataDir,
        IsolationMode isolation,
        String pythonCommand,
        String nodeCommand,
        long outputLimitBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_OUTPUT_LIMIT_BYTES = 16L * 1024 * 1024;

    public DevServerConfig {
        requireNonNull(host, "host");
        requireNonNull(isolation, "isolation");
        requireNonNull(pythonCommand, "pythonCommand");
        requireNonNull(nodeCommand, "nodeCommand");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (apiKey != null && apiKey.isEmpty()) {
            throw new IllegalArgumentException("apiKey must not be empty (use null for no authentication)");
        }
        if (outputLimitBytes < 1024) {
            throw new IllegalArgumentException("outputLimitBytes must be at least 1024: " + outputLimitBytes);
        }
    }

    /** Loopback, a free port, no authentication, a temporary data directory, bubblewrap when it works. */
    public static DevServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "DevServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", dataDir=" + (dataDir == null ? "temporary" : dataDir) + ", isolation=" + isolation
                + ", pythonCommand=" + pythonCommand + ", nodeCommand=" + nodeCommand + ", outputLimitBytes="
                + outputLimitBytes + "]";
    }

    /** Builds a {@link DevServerConfig}; every setter checks its value at once. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private @Nullable String apiKey;
        private @Nullable Path dataDir;
        private IsolationMode isolation = IsolationMode.AUTO;
        private String pythonCommand = "python3";
        private String nodeCommand = "node";
        private long outputLimitBytes = DEFAULT_OUTPUT_LIMIT_BYTES;

        private Builder() {}

        public Builder host(String host) {
            requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder apiKey(@Nullable String apiKey) {
            if (apiKey != null && apiKey.isEmpty()) {
                throw new IllegalArgumentException("apiKey must not be empty (use null for no authentication)");
            }
            this.apiKey = apiKey;
            return this;
        }

        public Builder dataDir(@Nullable Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder isolation(IsolationMode isolation) {
            this.isolation = requireNonNull(isolation, "isolation");
            return this;
        }

        public Builder pythonCommand(String pythonCommand) {
            this.pythonCommand = requireNonNull(pythonCommand, "pythonCommand");
            return this;
        }

        public Builder nodeCommand(String nodeCommand) {
            this.nodeCommand = requireNonNull(nodeCommand, "nodeCommand");
            return this;
        }

        public Builder outputLimitBytes(long outputLimitBytes) {
            if (outputLimitBytes < 1024) {
                throw new IllegalArgumentException("outputLimitBytes must be at least 1024: " + outputLimitBytes);
            }
            this.outputLimitBytes = outputLimitBytes;
            return this;
        }

        public DevServerConfig build() {
            return new DevServerConfig(
                    host, port, apiKey, dataDir, isolation, pythonCommand, nodeCommand, outputLimitBytes);
        }
    }
}
