package io.msbmcp.adapter.server;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.msbmcp.adapter.ServerVersion;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.adapter.resource.ResourceProvider;
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
 * The MCP server over HTTP: embedded Jetty 12 with {@code /mcp} (see {@link McpRouterServlet}), {@code /} and {@code
 * /health}, two SDK servers (one per transport) sharing the same five tools and one JSON mapper.
 *
 * <p>Capabilities: tools, plus logging, resources (the session-file template of {@link SessionFileResources}) and
 * prompts with an empty list (clients and the conformance suite that list get an answer rather than "method not
 * found").
 *
 * <p>Concurrency: tool handlers run on the Jetty thread that received the request ({@code immediateExecution(true)}),
 * not on Reactor's {@code boundedElastic} scheduler, whose default cap of 10 threads per core would queue the 21st
 * concurrent call on a 2-core machine. Both transports block a Jetty thread per request anyway, so the Jetty pool
 * ({@link ServerConfig#maxThreads()}, default 400) is the one limit to size.
 *
 * <p>Shutdown ({@link #close()}): stop accepting, let running requests finish within {@link
 * ServerConfig#shutdownTimeout()} (Jetty's {@link GracefulHandler}), then close the SDK servers. The wrapper belongs to
 * the caller, which closes it afterwards.
 */
public final class McpHttpServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(McpHttpServer.class);

    static final String MCP_PATH = "/mcp";

    private static final String INSTRUCTIONS = "Runs code and shell commands in isolated Microsandbox sandboxes."
            + " execute_code and execute_command return a session_id: pass it to later calls to keep state"
            + " (variables, files, installed packages); leave it out to start fresh. get_sessions lists live"
            + " sessions, stop_session ends one, get_volume_path shows host folders shared with the sandboxes."
            + " upload_file, download_file and list_files move files in and out of a session; files a run creates"
            + " come back as resource links (sandbox://sessions/{session_id}/files/{path}, read with resources/read).";

    /** The allowed request headers of CORS preflights. */
    static final Set<String> CORS_ALLOWED_HEADERS = Set.of(
            "Content-Type", "Accept", "Authorization", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");

    /** The response headers browser code may read. */
    static final Set<String> CORS_EXPOSED_HEADERS = Set.of("Mcp-Session-Id", "MCP-Protocol-Version");

    private final ServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final McpSyncServer statefulServer;
    private final McpStatelessSyncServer statelessServer;
    private volatile boolean closed;

    private McpHttpServer(ServerConfig config, MicrosandboxWrapper wrapper, Clock clock) {
        this.config = config;
        McpJson json = McpJson.create();
        Tools tools = Tools.create(wrapper, json.objectMapper());
        ResourceProvider resources = new SessionFileResources(wrapper);
        McpSchema.Implementation info = McpSchema.Implementation.builder(
                        ServerVersion.IMPLEMENTATION_NAME, ServerVersion.version())
                .title(ServerVersion.SERVER_NAME)
                .build();

        HttpServletStreamableServerTransportProvider stateful = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json.mcpJsonMapper())
                .mcpEndpoint(MCP_PATH)
                .contextExtractor(McpRouterServlet::transportContext)
                .maxRequestSize(config.maxRequestBytes())
                .sessionSweepInterval(config.mcpSessionSweepInterval())
                .build();
        this.statefulServer = McpServer.sync(stateful)
                .serverInfo(info)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .logging()
                        .resources(true, false)
                        .prompts(false)
                        .build())
                .jsonMapper(json.mcpJsonMapper())
                .immediateExecution(true)
                .validateToolInputs(false)
                .tools(tools.statefulSpecifications())
                .resourceTemplates(SdkResourceBridge.stateful(resources))
                .build();

        StatelessJsonTransport stateless = new StatelessJsonTransport(json);
        this.statelessServer = McpServer.sync(stateless)
                .serverInfo(info)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .prompts(false)
                        .build())
                .jsonMapper(json.mcpJsonMapper())
                .immediateExecution(true)
                .validateToolInputs(false)
                .tools(tools.statelessSpecifications())
                .resourceTemplates(SdkResourceBridge.stateless(resources))
                .build();

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
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(JsonErrorHandlers.context());
        McpRouterServlet router = new McpRouterServlet(
                stateful, stateless, new EndpointSecurity(config), json, config.maxRequestBytes(), tools.names());
        ServletHolder routerHolder = new ServletHolder("mcp", router);
        routerHolder.setAsyncSupported(true);
        context.addServlet(routerHolder, MCP_PATH);
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
        return statefulServer.listTools().stream().map(McpSchema.Tool::name).toList();
    }

    /**
     * Stops accepting requests, waits up to the shutdown timeout for running ones, then closes the SDK servers.
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
        try {
            statefulServer.closeGracefully();
        } catch (RuntimeException e) {
            logger.warn("Closing the MCP session server failed: {}", e.toString());
        }
        try {
            statelessServer.closeGracefully();
        } catch (RuntimeException e) {
            logger.warn("Closing the stateless MCP server failed: {}", e.toString());
        }
    }
}
