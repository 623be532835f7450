package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.adapter.resource.ResourceProvider;
import io.msbmcp.adapter.server.EndpointSecurity;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.tool.McpTool;
import io.msbmcp.adapter.tool.ToolArguments;
import io.msbmcp.adapter.tool.Tools;
import io.msbmcp.wrapper.call.CallContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The protocol engine alone on a free loopback port, over one probe tool, {@code wait}: it reports the phases it is
 * given, then blocks until its call is cancelled or {@code seconds} pass, and records what it saw (the cancellation
 * reason, the principal). Lets tests watch the signals the engine fires.
 */
final class EngineServer implements AutoCloseable {
    /** What the probe tool saw of one call: its principal and, if it was cancelled, why. */
    record Seen(String principal, String cancelReason) {}

    private final Map<String, CompletableFuture<Seen>> seen = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> started = new ConcurrentHashMap<>();
    private final Server jetty;
    private final McpEndpoint endpoint;
    private final ServerConnector connector;

    EngineServer(Duration progressInterval) throws Exception {
        ObjectMapper mapper = McpJson.create().objectMapper();
        Tools tools = Tools.of(List.of(new WaitTool()), mapper);
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .progressInterval(progressInterval)
                .build();
        endpoint = McpEndpoint.create(
                config, new EndpointSecurity(config), tools, ResourceProvider.NONE, mapper, Clock.systemUTC());
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("mcp", endpoint.servlet()), "/mcp");
        jetty.setHandler(context);
        jetty.start();
    }

    /** Waits until the call tagged {@code tag} has started. */
    void awaitStarted(String tag) throws Exception {
        started.computeIfAbsent(tag, t -> new CompletableFuture<>()).get(10, TimeUnit.SECONDS);
    }

    /** Waits until the call tagged {@code tag} has ended, and returns what it saw. */
    Seen awaitSeen(String tag) throws Exception {
        return seen.computeIfAbsent(tag, t -> new CompletableFuture<>()).get(15, TimeUnit.SECONDS);
    }

    int port() {
        return connector.getLocalPort();
    }

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port()));
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        endpoint.close();
    }

    private final class WaitTool implements McpTool {
        @Override
        public Tool definition() {
            return Tool.builder(
                            "wait",
                            Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of("session_id", Map.of("type", "string", "x-mcp-header", "Session-Id"))))
                    .description("blocks until cancelled")
                    .build();
        }

        @Override
        public CallToolResult call(ToolArguments arguments, CallContext call) {
            CountDownLatch cancelled = new CountDownLatch(1);
            try (var registration = call.cancellation().onCancel(cancelled::countDown)) {
                String phases = arguments.string("phases");
                if (phases != null) {
                    for (String phase : phases.split(",")) {
                        call.progress().phase(phase);
                    }
                }
                String tag = arguments.string("tag", "");
                started.computeIfAbsent(tag, t -> new CompletableFuture<>()).complete(null);
                Long seconds = arguments.integer("seconds");
                boolean wasCancelled =
                        cancelled.await(seconds == null ? 20_000 : seconds * 1000 + 500, TimeUnit.MILLISECONDS);
                String reason = call.cancellation().reason();
                seen.computeIfAbsent(tag, t -> new CompletableFuture<>())
                        .complete(new Seen(call.principal(), wasCancelled && reason != null ? reason : ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CallToolResult.builder().addTextContent("done").build();
        }
    }
}
