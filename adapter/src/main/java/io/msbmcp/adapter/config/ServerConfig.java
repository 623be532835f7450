package io.msbmcp.adapter.config;

import static java.util.Objects.requireNonNull;

import io.msbmcp.adapter.task.TaskLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of the MCP server itself (the wrapper has its own {@code WrapperConfig}). {@link
 * ServerConfigLoader} reads it from the {@code MCP_*} variables; {@link #builder()} makes one in code. {@link
 * #toString()} never shows the auth token.
 *
 * @param host the address to bind ({@code MCP_SERVER_HOST}); also a Host name that is always accepted
 * @param port the port to bind, 0 for any free port ({@code MCP_SERVER_PORT})
 * @param corsEnabled whether CORS headers and preflights are served ({@code MCP_ENABLE_CORS})
 * @param corsOrigins allowed browser origins, {@code *} for any ({@code MCP_CORS_ORIGINS})
 * @param authToken the bearer token {@code /mcp} requires, or null for none ({@code MCP_AUTH_TOKEN})
 * @param allowedHosts Host names accepted beyond the loopback names and {@code host} ({@code MCP_ALLOWED_HOSTS})
 * @param maxRequestBytes the largest request body accepted ({@code MCP_MAX_REQUEST_BYTES})
 * @param logLevel the root log level ({@code MCP_LOG_LEVEL})
 * @param logFormat text or JSON lines ({@code MCP_LOG_FORMAT})
 * @param shutdownTimeout how long running calls may take to finish after SIGTERM ({@code MCP_SHUTDOWN_TIMEOUT})
 * @param mcpSessionSweepInterval how often idle MCP sessions are evicted; a session idle for a whole interval goes
 * @param maxThreads the size of the HTTP thread pool; each running tool call holds one thread
 * @param progressInterval how often a call that asked for progress gets a notification ({@code
 *     MCP_PROGRESS_INTERVAL})
 * @param dev whether to start the embedded dev server and point the wrapper at it ({@code --dev})
 * @param authTokens named principals and their bearer tokens ({@code MCP_AUTH_TOKENS}, {@code MCP_AUTH_TOKENS_FILE});
 *     with {@code authToken} as the principal {@code default}, every token that {@code /mcp} accepts
 * @param requestBodyTimeout how long a client may take to send a whole request body before it is answered with 408
 *     ({@code MCP_REQUEST_BODY_TIMEOUT})
 * @param taskLimits how long MCP tasks and their results are kept ({@code MCP_TASK_TTL}) and how many tasks and result
 *     bytes are held at once ({@code MCP_MAX_TASKS}, {@code MCP_MAX_TASK_RESULT_BYTES})
 * @param taskAfter how long a 2026-07-28 {@code tools/call} from a client with the tasks extension may run before it
 *     is turned into a task; zero turns it into one at once ({@code MCP_TASK_AFTER})
 */
public record ServerConfig(
        String host,
        int port,
        boolean corsEnabled,
        List<String> corsOrigins,
        @Nullable String authToken,
        List<String> allowedHosts,
        int maxRequestBytes,
        LogLevel logLevel,
        LogFormat logFormat,
        Duration shutdownTimeout,
        Duration mcpSessionSweepInterval,
        int maxThreads,
        boolean dev,
        Map<String, String> authTokens,
        Duration requestBodyTimeout,
        Duration progressInterval,
        TaskLimits taskLimits,
        Duration taskAfter) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    public static final List<String> DEFAULT_CORS_ORIGINS = List.of("*");
    public static final int DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** A 2026-07-28 call that has run this long becomes a task (for clients that declare the tasks extension). */
    public static final Duration DEFAULT_TASK_AFTER = Duration.ofSeconds(5);

    /**
     * A request body must arrive whole within this time: bodies are read without a thread, so slow ones cost only a
     * connection each, and this bounds how long they can keep it (2 MiB in 10 s is 200 KiB/s).
     */
    public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Idle MCP sessions (no request and no open stream for a whole interval) are evicted by the SDK's sweep, so an
     * idle session lives between 30 and 60 minutes. A client whose session was evicted gets 404 and initializes anew.
     */
    public static final Duration DEFAULT_MCP_SESSION_SWEEP_INTERVAL = Duration.ofMinutes(30);

    /**
     * Tool handlers run on the Jetty thread that received the request ({@code immediateExecution(true)}), so this
     * bounds the number of tool calls that run at once (less a few threads for Jetty's selector and acceptor).
     */
    public static final int DEFAULT_MAX_THREADS = 400;

    /** A call that asked for progress hears from the server at least this often while it runs. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

    public ServerConfig {
        requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        corsOrigins = List.copyOf(corsOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, was " + maxRequestBytes);
        }
        requireNonNull(logLevel, "logLevel");
        requireNonNull(logFormat, "logFormat");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
        }
        requireNonNull(mcpSessionSweepInterval, "mcpSessionSweepInterval");
        if (mcpSessionSweepInterval.isNegative() || mcpSessionSweepInterval.isZero()) {
            throw new IllegalArgumentException("mcpSessionSweepInterval must be positive");
        }
        authTokens = Map.copyOf(authTokens);
        requireNonNull(requestBodyTimeout, "requestBodyTimeout");
        if (requestBodyTimeout.isNegative() || requestBodyTimeout.isZero()) {
            throw new IllegalArgumentException("requestBodyTimeout must be positive, was " + requestBodyTimeout);
        }
        requireNonNull(progressInterval, "progressInterval");
        if (progressInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("progressInterval must be at least 1 s, was " + progressInterval);
        }
        requireNonNull(taskLimits, "taskLimits");
        requireNonNull(taskAfter, "taskAfter");
        if (taskAfter.isNegative()) {
            throw new IllegalArgumentException("taskAfter must not be negative, was " + taskAfter);
        }
        if (maxThreads < 16) {
            throw new IllegalArgumentException("maxThreads must be at least 16, was " + maxThreads);
        }
    }

    /** Every default: loopback on port 8000, no CORS, no auth. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .corsEnabled(corsEnabled)
                .corsOrigins(corsOrigins)
                .authToken(authToken)
                .allowedHosts(allowedHosts)
                .maxRequestBytes(maxRequestBytes)
                .logLevel(logLevel)
                .logFormat(logFormat)
                .shutdownTimeout(shutdownTimeout)
                .mcpSessionSweepInterval(mcpSessionSweepInterval)
                .maxThreads(maxThreads)
                .dev(dev)
                .authTokens(authTokens)
                .requestBodyTimeout(requestBodyTimeout)
                .progressInterval(progressInterval)
                .taskLimits(taskLimits)
                .taskAfter(taskAfter);
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", corsEnabled=" + corsEnabled + ", corsOrigins="
                + corsOrigins + ", authToken=" + (authToken == null ? "unset" : "***") + ", allowedHosts="
                + allowedHosts + ", maxRequestBytes=" + maxRequestBytes + ", logLevel=" + logLevel + ", logFormat="
                + logFormat + ", shutdownTimeout=" + shutdownTimeout + ", mcpSessionSweepInterval="
                + mcpSessionSweepInterval + ", maxThreads=" + maxThreads + ", dev=" + dev + ", authTokens="
                + new java.util.TreeSet<>(authTokens.keySet()) + ", requestBodyTimeout=" + requestBodyTimeout
                + ", progressInterval=" + progressInterval + ", taskLimits=" + taskLimits + ", taskAfter=" + taskAfter
                + "]";
    }

    /** Builds a {@link ServerConfig}; unset values take the defaults of SPEC.md section 7. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private boolean corsEnabled;
        private List<String> corsOrigins = DEFAULT_CORS_ORIGINS;
        private @Nullable String authToken;
        private List<String> allowedHosts = List.of();
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private LogLevel logLevel = LogLevel.INFO;
        private LogFormat logFormat = LogFormat.TEXT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration mcpSessionSweepInterval = DEFAULT_MCP_SESSION_SWEEP_INTERVAL;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private boolean dev;
        private Map<String, String> authTokens = Map.of();
        private Duration requestBodyTimeout = DEFAULT_REQUEST_BODY_TIMEOUT;

        public Builder requestBodyTimeout(Duration requestBodyTimeout) {
            this.requestBodyTimeout = requireNonNull(requestBodyTimeout, "requestBodyTimeout");
            return this;
        }

        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
        private TaskLimits taskLimits = TaskLimits.defaults();
        private Duration taskAfter = DEFAULT_TASK_AFTER;

        private Builder() {}

        /** Named principals and their tokens (principal name to token). */
        public Builder authTokens(Map<String, String> authTokens) {
            this.authTokens = Map.copyOf(authTokens);
            return this;
        }

        public Builder host(String host) {
            this.host = requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder corsEnabled(boolean corsEnabled) {
            this.corsEnabled = corsEnabled;
            return this;
        }

        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = List.copyOf(corsOrigins);
            return this;
        }

        public Builder authToken(@Nullable String authToken) {
            this.authToken = authToken;
            return this;
        }

        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = List.copyOf(allowedHosts);
            return this;
        }

        public Builder maxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder logLevel(LogLevel logLevel) {
            this.logLevel = requireNonNull(logLevel, "logLevel");
            return this;
        }

        public Builder logFormat(LogFormat logFormat) {
            this.logFormat = requireNonNull(logFormat, "logFormat");
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        public Builder mcpSessionSweepInterval(Duration mcpSessionSweepInterval) {
            this.mcpSessionSweepInterval = requireNonNull(mcpSessionSweepInterval, "mcpSessionSweepInterval");
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public Builder dev(boolean dev) {
            this.dev = dev;
            return this;
        }

        public Builder progressInterval(Duration progressInterval) {
            this.progressInterval = requireNonNull(progressInterval, "progressInterval");
            return this;
        }

        public Builder taskLimits(TaskLimits taskLimits) {
            this.taskLimits = requireNonNull(taskLimits, "taskLimits");
            return this;
        }

        public Builder taskAfter(Duration taskAfter) {
            this.taskAfter = requireNonNull(taskAfter, "taskAfter");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    corsEnabled,
                    corsOrigins,
                    authToken,
                    allowedHosts,
                    maxRequestBytes,
                    logLevel,
                    logFormat,
                    shutdownTimeout,
                    mcpSessionSweepInterval,
                    maxThreads,
                    dev,
                    authTokens,
                    requestBodyTimeout,
                    progressInterval,
                    taskLimits,
                    taskAfter);
        }
    }
}
