package io.msbmcp.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Raw HTTP to a dev server, the way any client of the legacy API talks to it. */
final class RpcClient {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String authorization;

    RpcClient(URI baseUrl) {
        this(baseUrl, null);
    }

    RpcClient(URI baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** An answer: status, headers and body, with the body parsed as JSON when it is JSON. */
    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        JsonNode result() {
            return json().get("result");
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    Answer send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer postJson(String body, String... headers) {
        return send("POST", "/api/v1/rpc", "application/json", body, headers);
    }

    /** A JSON-RPC call with a fresh string id. */
    Answer call(String method, Object params) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.set("params", MAPPER.valueToTree(params));
        request.put("id", UUID.randomUUID().toString());
        return postJson(request.toString());
    }

    Answer start(String namespace, String sandbox, String image) {
        return call(
                "sandbox.start", Map.of("namespace", namespace, "sandbox", sandbox, "config", Map.of("image", image)));
    }

    Answer stop(String namespace, String sandbox) {
        return call("sandbox.stop", Map.of("namespace", namespace, "sandbox", sandbox));
    }

    Answer metrics(String namespace) {
        return call("sandbox.metrics.get", Map.of("namespace", namespace));
    }

    Answer repl(String namespace, String sandbox, String language, String code) {
        return call(
                "sandbox.repl.run",
                Map.of("namespace", namespace, "sandbox", sandbox, "language", language, "code", code));
    }

    Answer repl(String namespace, String sandbox, String language, String code, long timeout) {
        return call(
                "sandbox.repl.run",
                Map.of(
                        "namespace",
                        namespace,
                        "sandbox",
                        sandbox,
                        "language",
                        language,
                        "code",
                        code,
                        "timeout",
                        timeout));
    }

    Answer command(String namespace, String sandbox, String command, List<String> args) {
        return call(
                "sandbox.command.run",
                Map.of("namespace", namespace, "sandbox", sandbox, "command", command, "args", args));
    }

    Answer command(String namespace, String sandbox, String command, List<String> args, long timeout) {
        return call(
                "sandbox.command.run",
                Map.of(
                        "namespace",
                        namespace,
                        "sandbox",
                        sandbox,
                        "command",
                        command,
                        "args",
                        args,
                        "timeout",
                        timeout));
    }

    /** The text of every output line of {@code stream} in a run result. */
    static List<String> lines(JsonNode result, String stream) {
        List<String> lines = new java.util.ArrayList<>();
        for (JsonNode item : result.get("output")) {
            if (stream.equals(item.get("stream").asText())) {
                lines.add(item.get("text").asText());
            }
        }
        return lines;
    }
}
