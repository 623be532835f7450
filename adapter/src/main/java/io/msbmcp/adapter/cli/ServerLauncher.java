package io.msbmcp.adapter.cli;

import io.msbmcp.adapter.ServerVersion;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.logging.LoggingSetup;
import io.msbmcp.adapter.server.McpHttpServer;
import io.msbmcp.devserver.DevServer;
import io.msbmcp.devserver.DevServerConfig;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server process: logging, the embedded dev server with {@code --dev}, the wrapper, the HTTP server, one
 * startup line on standard output, then waits for
 * SIGTERM/SIGINT and shuts down in order (stop accepting, let running calls finish within {@code
 * MCP_SHUTDOWN_TIMEOUT}, close the wrapper, which stops every sandbox) and returns 0.
 */
final class ServerLauncher implements ServerCommand.ServerRunner {
    private static final Logger logger = LoggerFactory.getLogger(ServerLauncher.class);

    private final PrintWriter out;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile @Nullable DevServer devServer;

    ServerLauncher(PrintWriter out) {
        this.out = out;
    }

    @Override
    public int run(ServerConfig config, WrapperConfig wrapperConfig) throws Exception {
        LoggingSetup.configure(config.logLevel(), config.logFormat());
        @Nullable DevServer dev = null;
        WrapperConfig backend = wrapperConfig;
        if (config.dev()) {
            dev = startDevServer();
            backend = wrapperConfig.toBuilder()
                    .serverUrl(dev.baseUrl())
                    .apiKey(null)
                    .build();
        }
        logger.info(
                "Starting {} {} with {} and {}",
                ServerVersion.IMPLEMENTATION_NAME,
                ServerVersion.version(),
                config,
                backend);
        MicrosandboxWrapper wrapper;
        try {
            wrapper = MicrosandboxWrapper.create(backend);
        } catch (RuntimeException e) {
            closeQuietly(dev);
            throw e;
        }
        this.devServer = dev;
        @Nullable McpHttpServer server = null;
        try {
            wrapper.start();
            server = McpHttpServer.start(config, wrapper);
            McpHttpServer running = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running, wrapper), "msb-mcp-shutdown"));
            TerminationSignals.onTermination(stop::countDown);
            out.println(ServerVersion.IMPLEMENTATION_NAME + " " + ServerVersion.version() + " listening on "
                    + server.mcpUri() + " (health: " + server.baseUri().resolve("/health") + ")");
            out.flush();
            logger.info("Listening on {}", server.mcpUri());
            stop.await();
            logger.info(
                    "Shutting down: running calls get up to {} s",
                    config.shutdownTimeout().toSeconds());
            return ExitCodes.OK;
        } finally {
            shutdown(server, wrapper);
        }
    }

    private void shutdown(@Nullable McpHttpServer server, MicrosandboxWrapper wrapper) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close();
        }
        try {
            wrapper.close();
        } catch (RuntimeException e) {
            logger.warn("Closing the wrapper failed: {}", e.toString());
        }
        closeQuietly(devServer);
        logger.info("Stopped");
    }

    /**
     * {@code --dev}: the embedded Microsandbox-compatible server on a free loopback port, without authentication,
     * with a temporary data directory and bubblewrap isolation when it works (a loud warning otherwise).
     */
    private static DevServer startDevServer() {
        try {
            DevServer dev = DevServer.start(DevServerConfig.defaults());
            logger.info(
                    "--dev: embedded Microsandbox dev server on {} (isolation: {}); MSB_SERVER_URL and MSB_API_KEY are"
                            + " ignored",
                    dev.baseUrl(),
                    dev.isolated() ? "bubblewrap" : "NONE");
            return dev;
        } catch (IOException e) {
            throw ConfigurationException.invalidValue(
                    "--dev", "the embedded dev server did not start: " + e.getMessage());
        }
    }

    private static void closeQuietly(@Nullable DevServer dev) {
        if (dev == null) {
            return;
        }
        try {
            dev.close();
        } catch (RuntimeException e) {
            logger.warn("Closing the dev server failed: {}", e.toString());
        }
    }
}
