package io.msbmcp.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.RawHttp;
import io.msbmcp.adapter.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error of the HTTP layer is a JSON-RPC envelope, never an HTML page or a serialized Java exception. */
@Timeout(30)
final class TransportErrorsTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final int LIMIT = 4096;

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(backend.baseUrl(), s -> s.maxRequestBytes(LIMIT), w -> w);
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode assertEnvelope(Http.Response response, int status, int code, @Nullable Object id) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("stackTrace", "localizedMessage", "suppressed", "Exception");
        JsonNode json = response.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("jsonrpc", "id", "error");
        assertThat(json.get("jsonrpc").asText()).isEqualTo("2.0");
        if (id == null) {
            assertThat(json.get("id").isNull()).isTrue();
        } else {
            assertThat(json.get("id").asText()).isEqualTo(id.toString());
        }
        assertThat(json.get("error").get("code").asInt()).isEqualTo(code);
        assertThat(json.get("error").get("message").asText()).isNotBlank();
        return json;
    }

    @Test
    void malformedJson_answers400ParseError() {
        Http.Response response = http.post("/mcp", "{\"jsonrpc\":\"2.0\",", "Content-Type", "application/json");

        assertEnvelope(response, 400, -32700, null);
    }

    @Test
    void batchArray_answers400InvalidRequest() {
        Http.Response response =
                http.post("/mcp", "[" + http.request("tools/list", Map.of()) + "]", "Content-Type", "application/json");

        JsonNode json = assertEnvelope(response, 400, -32600, null);
        assertThat(json.get("error").get("message").asText()).contains("batch");
    }

    @Test
    void wrongJsonRpcVersion_answers400WithTheRequestId() {
        Http.Response response = http.post(
                "/mcp", "{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"tools/list\"}", "Content-Type", "application/json");

        assertEnvelope(response, 400, -32600, 9);
    }

    @Test
    void notAMessage_answers400InvalidRequest() {
        Http.Response response =
                http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":\"x\"}", "Content-Type", "application/json");

        assertEnvelope(response, 400, -32600, "x");
    }

    @Test
    void unknownMethod_answers200WithMethodNotFound() {
        Http.Response response = http.post(
                "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}", "Content-Type", "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("error").get("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void notification_answers202WithoutBody() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "Content-Type",
                "application/json");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void getMcp_answers405WithAllow() {
        Http.Response response = http.get("/mcp", "Accept", "text/event-stream");

        assertEnvelope(response, 405, -32600, null);
        assertThat(response.header("Allow")).isEqualTo("POST, DELETE, OPTIONS");
    }

    @Test
    void putMcp_answers405() {
        Http.Response response = http.send("PUT", "/mcp", "{}", "Content-Type", "application/json");

        assertEnvelope(response, 405, -32600, null);
    }

    @Test
    void missingContentType_answers415() throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(),
                RawHttp.curlRequest(
                        "POST",
                        server.port(),
                        "/mcp",
                        "Accept: */*\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(Http.JSON.readTree(response.body()).get("error").get("code").asInt())
                .isEqualTo(-32600);
    }

    @Test
    void contentTypeWithCharset_isAccepted() {
        Http.Response response = http.post(
                "/mcp", http.request("tools/list", Map.of()), "Content-Type", "application/json; charset=utf-8");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void bodyOverLimit_withContentLength_answers413() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
                + "x".repeat(LIMIT) + "\"}}";

        Http.Response response = http.post("/mcp", body, "Content-Type", "application/json");

        JsonNode json = assertEnvelope(response, 413, -32600, null);
        assertThat(json.get("error").get("message").asText()).contains(String.valueOf(LIMIT));
    }

    @Test
    void bodyOverLimit_streamedChunked_answers413() throws Exception {
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
                        + "x".repeat(LIMIT * 4) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.JSON.readTree(response.body()).get("error").get("code").asInt())
                .isEqualTo(-32600);
    }

    @Test
    void bodyOverLimit_chunked_isReadToItsEndAndTheConnectionServesTheNextRequest() throws Exception {
        StringBuilder request = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String piece = "x".repeat(1000);
        for (int sent = 0; sent <= LIMIT * 4; sent += piece.length()) {
            request.append(Integer.toHexString(piece.length()))
                    .append("\r\n")
                    .append(piece)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");
        String body = http.request("tools/list", Map.of());
        String next = "POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            RawHttp.Response tooLarge = RawHttp.exchange(socket, request.toString());
            RawHttp.Response served = RawHttp.exchange(socket, next);

            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.header("Connection")).isNull();
            assertThat(Http.JSON
                            .readTree(tooLarge.body())
                            .get("error")
                            .get("message")
                            .asText())
                    .contains("MCP_MAX_REQUEST_BYTES");
            assertThat(served.status()).isEqualTo(200);
            assertThat(Http.JSON.readTree(served.body()).get("result").has("tools"))
                    .isTrue();
        }
    }

    @Test
    void bodyUnderLimit_isServed() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{\"pad\":\""
                + "x".repeat(LIMIT - 200) + "\"}}}";

        Http.Response response = http.post("/mcp", body, "Content-Type", "application/json");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void unknownPath_answers404Envelope() {
        Http.Response response = http.get("/nope", "Accept", "text/html");

        assertEnvelope(response, 404, -32603, null);
    }

    @Test
    void malformedHttp_answers400Envelope() throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(), "GET /mcp HTTP/1.1\r\nHost: localhost\r\nBad Header\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(Http.JSON.readTree(response.body()).get("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void optionsWithoutCors_answers204WithAllow() {
        Http.Response response = http.send("OPTIONS", "/mcp", null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Allow")).isEqualTo("POST, DELETE, OPTIONS");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
