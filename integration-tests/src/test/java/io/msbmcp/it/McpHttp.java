package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw JSON-RPC over HTTP with {@code java.net.http}: session-less POSTs to {@code /mcp} with only {@code
 * Content-Type: application/json}, as the seed's curl examples send them, plus plain GETs for health.
 */
final class McpHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(150);

    private final URI mcpUrl;
    private final String bearer;
    private final AtomicLong ids = new AtomicLong();

    McpHttp(URI mcpUrl) {
        this(mcpUrl, null);
    }

    /** A client that sends {@code Authorization: Bearer <bearer>} with every POST (none when null). */
    McpHttp(URI mcpUrl, String bearer) {
        this.mcpUrl = mcpUrl;
        this.bearer = bearer;
    }

    /** The same endpoint with another bearer token. */
    McpHttp withBearer(String token) {
        return new McpHttp(mcpUrl, token);
    }

    URI url() {
        return mcpUrl;
    }

    /** A JSON-RPC request {@code method} with {@code params}, answered statelessly. */
    McpResponse request(String method, JsonNode params) {
        ObjectNode body = Json.object();
        body.put("jsonrpc", "2.0");
        body.put("id", ids.incrementAndGet());
        body.put("method", method);
        body.set("params", params);
        return post(Json.write(body));
    }

    /** {@code tools/call} of {@code tool} with {@code arguments} (a map, turned into JSON). */
    McpResponse callTool(String tool, Map<String, ?> arguments) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", Json.tree(arguments));
        return request("tools/call", params);
    }

    /** POSTs {@code body} as {@code application/json} and parses the JSON answer. */
    McpResponse post(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(mcpUrl)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = send(request);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new McpResponse(response.statusCode(), contentType, response.body(), Json.parse(response.body()));
    }

    /** A GET of {@code url}; a failure to connect comes back as an {@link UncheckedIOException}. */
    static HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    /** A JSON POST to any URL (the dev server's RPC endpoint). */
    static HttpResponse<String> postJson(URI url, String body) {
        return send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
