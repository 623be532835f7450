package io.msbmcp.devserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.devserver.http.ApiHandler;
import io.msbmcp.devserver.isolation.Isolation;
import io.msbmcp.devserver.isolation.IsolationProbe;
import io.msbmcp.devserver.isolation.NoIsolation;
import io.msbmcp.devserver.process.ProcessLauncher;
import io.msbmcp.devserver.rpc.RpcEndpoint;
import io.msbmcp.devserver.sandbox.Interpreters;
import io.msbmcp.devserver.sandbox.SandboxManager;
import io.msbmcp.devserver.sandbox.SandboxRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dev server: a local stand-in for {@code msb server start --dev} that speaks the legacy Microsandbox API
 * and runs sandboxes as local processes. Start it with {@link #start(DevServerConfig)}; {@link #close()} stops every
 * sandbox, kills every process it started and stops HTTP.
 */
public final class DevServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(DevServer.class);
    private static final long HTTP_STOP_MILLIS = 0;

    private final Server server;
    private final int port;
    private final URI baseUrl;
    private final boolean isolated;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final SandboxManager sandboxes;
    private final ProcessLauncher launcher;
    private final ExecutorService readers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevServer(
            Server server,
            int port,
            URI baseUrl,
            boolean isolated,
            Path dataDir,
            boolean ownsDataDir,
            SandboxManager sandboxes,
            ProcessLauncher launcher,
            ExecutorService readers) {
        this.server = server;
        this.port = port;
        this.baseUrl = baseUrl;
        this.isolated = isolated;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.sandboxes = sandboxes;
        this.launcher = launcher;
        this.readers = readers;
    }

    /**
     * Starts a dev server and returns once it accepts requests.
     *
     * @throws IOException when the data directory or the port cannot be had, or isolation is {@link
     *     IsolationMode#REQUIRED} and bubblewrap does not work
     */
    public static DevServer start(DevServerConfig config) throws IOException {
        boolean ownsDataDir = config.dataDir() == null;
        Path dataDir = ownsDataDir
                ? Files.createTempDirectory("msb-dev-server-").toRealPath()
                : Files.createDirectories(config.dataDir()).toRealPath();
        ProcessLauncher launcher = new ProcessLauncher();
        ExecutorService readers = Executors.newCachedThreadPool(daemonThreads("msb-dev-reader-"));
        SandboxManager sandboxes = null;
        try {
            Path namespaces = Files.createDirectories(dataDir.resolve("namespaces"));
            Isolation isolation = isolation(config.isolation(), dataDir);
            Interpreters interpreters = Interpreters.resolve(config.pythonCommand(), config.nodeCommand());
            logger.info("Python: {}, Node.js: {}", describe(interpreters.python()), describe(interpreters.node()));
            ObjectMapper mapper = new ObjectMapper();
            SandboxRuntime runtime = new SandboxRuntime(
                    isolation, launcher, readers, config.outputLimitBytes(), interpreters, List.of(dataDir));
            sandboxes = new SandboxManager(namespaces, mapper, runtime);
            ApiHandler handler =
                    new ApiHandler(new RpcEndpoint(sandboxes, mapper), mapper, config.apiKey(), isolation.isolated());
            Server server = httpServer(config, handler);
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            URI baseUrl = URI.create("http://" + urlHost(config.host()) + ":" + port);
            logger.info(
                    "Microsandbox dev server listening on {} (isolation: {}, authentication: {}, data: {})",
                    baseUrl,
                    isolation.isolated() ? "bubblewrap" : "NONE",
                    config.apiKey() == null ? "off" : "API key",
                    dataDir);
            if (config.apiKey() == null && !isLoopback(config.host())) {
                logger.warn(
                        "Listening on {} without an API key: anyone who can reach this port can run code here",
                        config.host());
            }
            return new DevServer(
                    server, port, baseUrl, isolation.isolated(), dataDir, ownsDataDir, sandboxes, launcher, readers);
        } catch (Exception e) {
            if (sandboxes != null) {
                sandboxes.close();
            }
            launcher.close();
            readers.shutdownNow();
            if (ownsDataDir) {
                Directories.deleteRecursively(dataDir);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("Failed to start the dev server: " + e.getMessage(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Where to send requests, e.g. {@code http://127.0.0.1:5555}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Whether sandboxes run under bubblewrap. */
    public boolean isolated() {
        return isolated;
    }

    /** The data directory (namespaces, configurations, work directories). */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops every sandbox, kills every child process, stops HTTP and deletes a temporary data directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        logger.info("Stopping the dev server on {}", baseUrl);
        sandboxes.close();
        try {
            server.stop();
        } catch (Exception e) {
            logger.warn("HTTP server did not stop cleanly: {}", e.getMessage());
        }
        launcher.close();
        readers.shutdownNow();
        if (ownsDataDir) {
            Directories.deleteRecursively(dataDir);
        }
        logger.info("Dev server stopped");
    }

    private static Isolation isolation(IsolationMode mode, Path dataDir) throws IOException {
        if (mode == IsolationMode.NONE) {
            logger.warn(notIsolatedWarning("isolation is turned off"));
            return NoIsolation.create();
        }
        Path scratch = Files.createDirectories(dataDir.resolve("probe"));
        IsolationProbe.Result probe = IsolationProbe.probe(scratch);
        Directories.deleteRecursively(scratch);
        if (probe.isolation().isPresent()) {
            logger.info("Sandboxes are isolated with {}", probe.detail());
            return probe.isolation().get();
        }
        if (mode == IsolationMode.REQUIRED) {
            throw new IOException("Isolation is required but bubblewrap does not work: " + probe.detail());
        }
        logger.warn(notIsolatedWarning(probe.detail()));
        return NoIsolation.create();
    }

    /** The loud warning shown when sandbox code is not isolated. */
    public static String notIsolatedWarning(String reason) {
        return "!!! SANDBOX CODE IS NOT ISOLATED (" + reason + "): code and commands run as this user, directly on"
                + " this machine, with its network and files. Install bubblewrap (bwrap) to isolate them. !!!";
    }

    private static Server httpServer(DevServerConfig config, ApiHandler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("msb-dev-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(HTTP_STOP_MILLIS);
        server.setStopAtShutdown(false);
        return server;
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String describe(@Nullable Path interpreter) {
        return interpreter == null ? "NOT FOUND" : interpreter.toString();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
