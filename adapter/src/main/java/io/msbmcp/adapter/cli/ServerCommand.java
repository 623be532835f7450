package io.msbmcp.adapter.cli;

import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.config.ServerConfigLoader;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.config.WrapperConfigLoader;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code msb-mcp} command: reads the configuration (environment, then flags over it) and runs the server. */
@Command(
        name = "msb-mcp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "MCP server (streamable HTTP at /mcp) that runs code and shell commands in Microsandbox sandboxes.",
            "Configuration comes from environment variables; the flags below override them."
        },
        footerHeading = "%nEnvironment (flags win; see docs/configuration.md):%n",
        footer = {
            "  MCP_SERVER_HOST, MCP_SERVER_PORT  bind address (127.0.0.1, 8000)",
            "  MCP_ENABLE_CORS, MCP_CORS_ORIGINS CORS for browser clients (false, *)",
            "  MCP_AUTH_TOKEN                    bearer token required on /mcp (none)",
            "  MCP_AUTH_TOKENS, MCP_AUTH_TOKENS_FILE  name:token pairs, one principal each",
            "  MCP_ALLOWED_HOSTS                 more Host names to accept (none)",
            "  MCP_MAX_REQUEST_BYTES             largest request body (2097152, or what a",
            "                                    max-size upload_file needs)",
            "  MCP_LOG_LEVEL, MCP_LOG_FORMAT     INFO, text (or json)",
            "  MCP_SHUTDOWN_TIMEOUT              seconds calls get after SIGTERM (30)",
            "  MCP_REQUEST_BODY_TIMEOUT          seconds a request body may take (10)",
            "  MCP_PROGRESS_INTERVAL             seconds between progress notifications (10)",
            "  MCP_TASK_TTL                      seconds a task and its result are kept (3600)",
            "  MCP_TASK_AFTER                    seconds before a 2026-07-28 call becomes a task (5)",
            "  MCP_MAX_TASKS                     tasks held at once (1000)",
            "  MCP_MAX_TASK_RESULT_BYTES         bytes of task results held at once (268435456)",
            "  MSB_SERVER_URL, MSB_API_KEY, MSB_NAMESPACE, MSB_SESSION_TIMEOUT,",
            "  MSB_CLEANUP_INTERVAL, MSB_ORPHAN_CLEANUP_INTERVAL, MSB_MAX_SESSIONS,",
            "  MSB_MAX_TOTAL_MEMORY_MB, MSB_DEFAULT_FLAVOR, MSB_SHARED_VOLUME_PATH,",
            "  MSB_SANDBOX_START_TIMEOUT, MSB_EXECUTION_TIMEOUT, MSB_MAX_OUTPUT_BYTES,",
            "  MSB_MAX_SESSIONS_PER_PRINCIPAL, MSB_MAX_FILE_BYTES, MSB_MAX_INLINE_IMAGE_BYTES",
            "",
            "Exit codes: 0 clean stop (also on SIGTERM), 1 failure, 2 bad flag or value."
        })
public final class ServerCommand implements Callable<Integer> {
    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to bind (MCP_SERVER_HOST; default 127.0.0.1).")
    @Nullable
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to bind, 0 for any free port (MCP_SERVER_PORT; default 8000).")
    @Nullable
    String port;

    @Option(names = "--enable-cors", description = "Serve CORS headers and preflights (MCP_ENABLE_CORS).")
    boolean enableCors;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "DEBUG, INFO, WARNING or ERROR (MCP_LOG_LEVEL; default INFO).")
    @Nullable
    String logLevel;

    @Option(
            names = "--dev",
            description = "Start the embedded Microsandbox-compatible dev server and use it as the backend.")
    boolean dev;

    private final Map<String, String> env;
    private final ServerRunner runner;

    ServerCommand(Map<String, String> env, ServerRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    /** The server configuration: the environment, then the flags over it. */
    ServerConfig serverConfig() {
        ServerConfig.Builder builder = ServerConfigLoader.from(env).toBuilder();
        if (host != null) {
            builder.host(ServerConfigLoader.host("--host", host));
        }
        if (port != null) {
            builder.port(ServerConfigLoader.port("--port", port));
        }
        if (enableCors) {
            builder.corsEnabled(true);
        }
        if (logLevel != null) {
            builder.logLevel(ServerConfigLoader.logLevel("--log-level", logLevel));
        }
        if (dev) {
            builder.dev(true);
        }
        return builder.build();
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig server = serverConfig();
        WrapperConfig wrapper = WrapperConfigLoader.from(env);
        return runner.run(withUploadRoom(server, wrapper, env.get("MCP_MAX_REQUEST_BYTES") != null), wrapper);
    }

    /**
     * Grows the default request limit to fit an upload of {@code MSB_MAX_FILE_BYTES}: base64 makes 4 bytes of every 3,
     * and the JSON-RPC envelope and other arguments get 64 KiB on top. A limit set explicitly with {@code
     * MCP_MAX_REQUEST_BYTES} is kept as it is (uploads are then limited by it too).
     */
    static ServerConfig withUploadRoom(ServerConfig server, WrapperConfig wrapper, boolean explicitLimit) {
        if (explicitLimit) {
            return server;
        }
        long needed = uploadRequestBytes(wrapper.maxFileBytes());
        if (needed <= server.maxRequestBytes()) {
            return server;
        }
        return server.toBuilder()
                .maxRequestBytes((int) Math.min(Integer.MAX_VALUE - 8, needed))
                .build();
    }

    /** The request size an upload of {@code fileBytes} needs: base64 (4/3) plus 64 KiB for the rest. */
    static long uploadRequestBytes(long fileBytes) {
        return (fileBytes + 2) / 3 * 4 + 64 * 1024;
    }

    /** Runs the server with a valid configuration until it is told to stop; returns the exit code. */
    @FunctionalInterface
    interface ServerRunner {
        int run(ServerConfig server, WrapperConfig wrapper) throws Exception;
    }
}
