package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault switch in front of the dev server: it forwards every request of the legacy API as it is, except that
 * {@code sandbox.stop} can fail with the legacy server's masked 500 or be slowed down, and the answer of {@code
 * sandbox.start} can be held back before or after the dev server starts the sandbox (a start that completes after
 * msb-mcp gave up on it). Listens on 127.0.0.1 on a free port; {@link #close()} stops it.
 */
final class FaultProxy implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI backend;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });

    volatile boolean failStops;
    volatile Duration stopDelay = Duration.ZERO;
    volatile Duration startAnswerDelay = Duration.ZERO;
    volatile Duration startForwardDelay = Duration.ZERO;
    final AtomicInteger failedStops = new AtomicInteger();

    private FaultProxy(URI backend) throws IOException {
        this.backend = backend;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FaultProxy in(URI backend) {
        try {
            return new FaultProxy(backend);
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy did not start", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = "";
            if (body.length > 0) {
                JsonNode json = Json.parse(new String(body, StandardCharsets.UTF_8));
                method = json.path("method").asText("");
            }
            if (method.equals("sandbox.stop")) {
                if (failStops) {
                    failedStops.incrementAndGet();
                    answer(exchange, 500, "{\"error\":\"Internal server error\",\"code\":5002}");
                    return;
                }
                sleep(stopDelay);
            }
            if (method.equals("sandbox.start")) {
                sleep(startForwardDelay);
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(
                            backend.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(120))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                forward.header("Content-Type", contentType);
            }
            HttpResponse<String> response;
            try {
                response = CLIENT.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                answer(exchange, 502, "{\"error\":\"proxy: " + e.getClass().getSimpleName() + "\",\"code\":5002}");
                return;
            }
            if (method.equals("sandbox.start")) {
                sleep(startAnswerDelay);
            }
            answer(exchange, response.statusCode(), response.body());
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
        } catch (IOException e) {
            // the client gave up waiting (a held-back start answer): nothing to do
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
