package io.msbmcp.adapter.server;

import io.modelcontextprotocol.spec.McpSchema;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.adapter.protocol.McpEndpoint;
import io.msbmcp.adapter.resource.SessionFileResources;
import io.msbmcp.adapter.tool.Tools;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server over HTTP: embedded Jetty 12 with {@code /mcp} (the protocol engine, {@link McpEndpoint}), {@code /}
 * and {@code /health}.
 *
 * <p>Concurrency: tool calls run on the Jetty thread that received the request, so the Jetty pool ({@link
 * ServerConfig#maxThreads()}, default 400) is the one limit to size.
 *
 * <p>Shutdown ({@link #close()}): stop accepting, let running requests finish within {@link
 * ServerConfig#shutdownTimeout()} (Jetty's {@link GracefulHandler}), then close the engine. The wrapper belongs to the
 * caller, which closes it afterwards.
 */
public final class McpHttpServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(McpHttpServer.class);

    static final String MCP_PATH = "/mcp";

    /** The allowed request headers of CORS preflights. */
    static final Set<String> CORS_ALLOWED_HEADERS = Set.of(
            "Content-Type",
            "Accept",
            "Authorization",
            "Mcp-Session-Id",
            "MCP-Protocol-Version",
            "Last-Event-ID",
            "Mcp-Method",
            "Mcp-Name",
            "Mcp-Param-Session-Id");

    /** The response headers browser code may read. */
    static final Set<String> CORS_EXPOSED_HEADERS = Set.of("Mcp-Session-Id", "MCP-Protocol-Version");

    private final ServerConfig config;
    /**
     * The listen backlog: connections the kernel completes before Jetty accepts them. Java's default is 50; when more
     * clients connect at once (200 calls in one burst did), the kernel drops the SYNs past it and those clients retry
     * only after a second. The kernel caps it at {@code net.core.somaxconn}.
     */
    static final int ACCEPT_QUEUE = 1024;

    private final Server jetty;
    private final ServerConnector connector;
    private final Tools tools;
    private final McpEndpoint endpoint;
    private volatile boolean closed;

    /**
     * Loads and initialises the classes the HTTP side of a start needs (JSON, argument validation, Jetty, the servlet
     * layer) without building a server: {@link io.msbmcp.adapter.Main} runs it on a second thread from the start, while
     * the first reads the command line and builds the wrapper, so the two halves of class loading share the cores.
     */
    public static void preload() {
        McpJson json = McpJson.create();
        Tools.preload(json.objectMapper());
        new ServerConnector(
                new Server(new QueuedThreadPool()), 1, 1, new HttpConnectionFactory(new HttpConfiguration()));
        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(JsonErrorHandlers.context());
    }

    private McpHttpServer(ServerConfig config, MicrosandboxWrapper wrapper, Clock clock) {
        this.config = config;
        McpJson json = McpJson.create();
        this.tools = Tools.create(wrapper, json.objectMapper());
        this.endpoint = McpEndpoint.create(
                config,
                new EndpointSecurity(config),
                tools,
                new SessionFileResources(wrapper),
                json.objectMapper(),
                clock);

        QueuedThreadPool threads = new QueuedThreadPool(
                config.maxThreads(), 8, (int) Duration.ofMinutes(1).toMillis());
        threads.setName("mcp-http");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(JsonErrorHandlers.context());
        context.addServlet(new ServletHolder("mcp", endpoint.servlet()), MCP_PATH);
        ServletHolder healthHolder =
                new ServletHolder("health", new HealthServlet(wrapper, json.objectMapper(), clock));
        context.addServlet(healthHolder, "");
        context.addServlet(healthHolder, "/health");

        Handler handler = context;
        if (config.corsEnabled()) {
            CrossOriginHandler cors = new CrossOriginHandler();
            cors.setAllowedOriginPatterns(new OriginPatterns(config.corsOrigins()).jettyPatterns());
            cors.setAllowedMethods(Set.of("GET", "POST", "DELETE", "OPTIONS"));
            cors.setAllowedHeaders(CORS_ALLOWED_HEADERS);
            cors.setExposedHeaders(CORS_EXPOSED_HEADERS);
            cors.setPreflightMaxAge(Duration.ofMinutes(10));
            cors.setHandler(context);
            handler = cors;
        }
        jetty.setHandler(new GracefulHandler(
                new BodyBufferingHandler(handler, config.maxRequestBytes(), config.requestBodyTimeout())));
        jetty.setErrorHandler(JsonErrorHandlers.server());
        jetty.setStopTimeout(config.shutdownTimeout().toMillis());
        jetty.setStopAtShutdown(false);
    }

    /** Builds and starts a server for {@code wrapper}; the caller still owns (and closes) the wrapper. */
    public static McpHttpServer start(ServerConfig config, MicrosandboxWrapper wrapper) throws Exception {
        return start(config, wrapper, Clock.systemUTC());
    }

    static McpHttpServer start(ServerConfig config, MicrosandboxWrapper wrapper, Clock clock) throws Exception {
        McpHttpServer server = new McpHttpServer(config, wrapper, clock);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The listen backlog the connector asks for (tests). */
    int acceptQueueSize() {
        return connector.getAcceptQueueSize();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8000}; a wildcard bind host is shown as {@code 127.0.0.1}. */
    public URI baseUri() {
        String host = EndpointSecurity.normalizeHost(config.host());
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("[::]")) {
            host = "[::1]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The MCP endpoint URL. */
    public URI mcpUri() {
        return baseUri().resolve(MCP_PATH);
    }

    /** The names of the tools served, in order. */
    public List<String> toolNames() {
        return tools.definitions().stream().map(McpSchema.Tool::name).toList();
    }

    /**
     * Stops accepting requests, waits up to the shutdown timeout for running ones, then closes the engine.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jetty.stop();
        } catch (Exception e) {
            logger.warn(
                    "HTTP server did not stop cleanly within {} s: {}",
                    config.shutdownTimeout().toSeconds(),
                    e.toString());
        }
        endpoint.close();
    }
}
