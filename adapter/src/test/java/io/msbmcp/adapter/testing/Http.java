package io.msbmcp.adapter.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Raw HTTP to the server under test with {@code java.net.http}, plus JSON-RPC helpers. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final AtomicInteger ids = new AtomicInteger();

    public Http(URI base) {
        this.base = base;
    }

    /** A response with its body as text. */
    public record Response(int status, HttpHeaders headers, String body) {
        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The {@code data:} payloads of an SSE body, parsed. */
        public List<JsonNode> sseData() {
            List<JsonNode> events = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    try {
                        events.add(JSON.readTree(line.substring(5).trim()));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("bad SSE data: " + line, e);
                    }
                }
            }
            return events;
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    /** Sends a request; {@code headers} are name/value pairs. */
    public Response send(String method, String path, @Nullable String body, String... headers) {
        try {
            return sendAsync(method, path, body, headers).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    public CompletableFuture<Response> sendAsync(String method, String path, @Nullable String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }

    /** A JSON-RPC request body with a fresh numeric id. */
    public String request(String method, Object params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        message.put("params", params);
        return write(message);
    }

    /** A {@code tools/call} body. */
    public String toolCall(String tool, Map<String, ?> arguments) {
        return request("tools/call", Map.of("name", tool, "arguments", arguments));
    }

    /** POSTs a session-less {@code tools/call} as plain JSON and returns the JSON-RPC response. */
    public JsonNode callTool(String tool, Map<String, ?> arguments) {
        Response response = post("/mcp", toolCall(tool, arguments), "Content-Type", "application/json");
        if (response.status() != 200) {
            throw new AssertionError("tools/call answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
