package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Microsandbox server of the legacy API that runs nothing: it keeps each sandbox's running flag, answers runs with
 * empty output, takes {@link #stopDelay} for every stop (the sandbox runs until the stop completes), and counts the most
 * sandboxes that ever ran at once. For load on msb-mcp's own bookkeeping without the cost of real sandboxes.
 */
final class FakeBackend implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-backend");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Boolean> sandboxes = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger starts = new AtomicInteger();
    volatile Duration stopDelay = Duration.ZERO;

    private FakeBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeBackend start() {
        try {
            return new FakeBackend();
        } catch (IOException e) {
            throw new IllegalStateException("fake backend did not start", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sandboxes running now. */
    int running() {
        return running.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 200, "{\"status\":\"ok\"}");
                return;
            }
            JsonNode request = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            JsonNode params = request.path("params");
            String key = params.path("namespace").asText() + "/"
                    + params.path("sandbox").asText();
            ObjectNode reply = Json.object();
            reply.put("jsonrpc", "2.0");
            reply.set("id", request.path("id"));
            switch (request.path("method").asText()) {
                case "sandbox.start" -> {
                    starts.incrementAndGet();
                    if (!Boolean.TRUE.equals(sandboxes.put(key, true))) {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    }
                    reply.put("result", "Sandbox " + params.path("sandbox").asText() + " started successfully");
                }
                case "sandbox.stop" -> {
                    Thread.sleep(stopDelay.toMillis());
                    if (Boolean.TRUE.equals(sandboxes.replace(key, false))) {
                        running.decrementAndGet();
                    }
                    reply.put("result", "Sandbox " + params.path("sandbox").asText() + " stopped successfully");
                }
                case "sandbox.metrics.get" -> {
                    ArrayNode list = reply.putObject("result").putArray("sandboxes");
                    String prefix = params.path("namespace").asText() + "/";
                    sandboxes.forEach((name, on) -> {
                        if (name.startsWith(prefix)) {
                            list.addObject()
                                    .put("namespace", params.path("namespace").asText())
                                    .put("name", name.substring(prefix.length()))
                                    .put("running", on);
                        }
                    });
                }
                case "sandbox.command.run" ->
                    reply.putObject("result")
                            .put("command", params.path("command").asText())
                            .put("exit_code", 0)
                            .put("success", true)
                            .putArray("output");
                case "sandbox.repl.run" ->
                    reply.putObject("result")
                            .put("status", "success")
                            .put("language", "python")
                            .putArray("output");
                default -> {
                    answer(exchange, 404, "{\"error\":\"Method not found\",\"code\":-32601}");
                    return;
                }
            }
            answer(exchange, 200, Json.write(reply));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
