package io.msbmcp.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The strict handshake flow of spec 2025-06-18/2025-11-25 clients: MCP sessions of the protocol engine. */
@Timeout(30)
final class StatefulSessionFlowTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final String[] STRICT = {
        "Content-Type", "application/json", "Accept", "application/json, text/event-stream"
    };

    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(backend);
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String initialize() {
        Http.Response response = http.post(
                "/mcp",
                http.request(
                        "initialize",
                        Map.of(
                                "protocolVersion", "2025-06-18",
                                "capabilities", Map.of(),
                                "clientInfo", Map.of("name", "test", "version", "1"))),
                STRICT);
        assertThat(response.status()).isEqualTo(200);
        String sessionId = response.header("Mcp-Session-Id");
        assertThat(sessionId).isNotBlank();
        return sessionId;
    }

    private static String[] withSession(String sessionId) {
        return new String[] {
            "Content-Type", "application/json",
            "Accept", "application/json, text/event-stream",
            "Mcp-Session-Id", sessionId,
            "MCP-Protocol-Version", "2025-06-18"
        };
    }

    @Test
    void handshake_fullFlow_sessionThenSseThenDeleteThen404() {
        Http.Response init = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":\"init-1\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                STRICT);
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.header("Content-Type")).startsWith("application/json");
        JsonNode initResult = init.json().get("result");
        assertThat(initResult.get("protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(initResult.get("serverInfo").get("name").asText()).isEqualTo("msb-mcp");
        assertThat(initResult.get("capabilities").has("tools")).isTrue();
        assertThat(initResult.get("instructions").asText()).contains("session_id");
        String sessionId = init.header("Mcp-Session-Id");
        assertThat(sessionId).isNotBlank();

        Http.Response initialized = http.post(
                "/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", withSession(sessionId));
        assertThat(initialized.status()).isEqualTo(202);
        assertThat(initialized.body()).isEmpty();

        Http.Response list = http.post("/mcp", http.request("tools/list", Map.of()), withSession(sessionId));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("text/event-stream");
        List<JsonNode> listEvents = list.sseData();
        assertThat(listEvents).hasSize(1);
        assertThat(listEvents.get(0).get("result").get("tools")).hasSize(8);

        Http.Response call = http.post(
                "/mcp", http.toolCall("execute_code", Map.of("code", "print('hello')")), withSession(sessionId));
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Content-Type")).startsWith("text/event-stream");
        JsonNode result = call.sseData().get(0).get("result");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("structuredContent").get("stdout").asText()).isEqualTo("hello");
        assertThat(result.get("session_created").asBoolean()).isTrue();

        Http.Response delete = http.send("DELETE", "/mcp", null, "Mcp-Session-Id", sessionId);
        assertThat(delete.status()).isEqualTo(200);

        Http.Response after = http.post("/mcp", http.request("tools/list", Map.of()), withSession(sessionId));
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.header("Content-Type")).startsWith("application/json");
        JsonNode error = after.json();
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(error.get("error").get("message").asText()).contains("Session not found");
        assertThat(after.body()).doesNotContain("stackTrace", "localizedMessage", "cause");
    }

    @Test
    void staleSession_post_answers404EnvelopeWithRequestId() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/list\",\"params\":{}}",
                withSession("no-such-session"));

        assertThat(response.status()).isEqualTo(404);
        JsonNode json = response.json();
        assertThat(json.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(json.get("id").asInt()).isEqualTo(77);
        assertThat(json.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(json.get("error").get("message").asText()).startsWith("Session not found: no-such-session");
        assertThat(json.fieldNames()).toIterable().containsExactly("jsonrpc", "id", "error");
    }

    @Test
    void staleSession_delete_answers404Envelope() {
        Http.Response response = http.send("DELETE", "/mcp", null, "Mcp-Session-Id", "no-such-session");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("error").get("message").asText())
                .startsWith("Session not found: no-such-session");
    }

    @Test
    void initialize_withAcceptStar_stillGetsSession() {
        Http.Response response = http.post(
                "/mcp",
                http.request(
                        "initialize",
                        Map.of(
                                "protocolVersion",
                                "2025-11-25",
                                "capabilities",
                                Map.of(),
                                "clientInfo",
                                Map.of("name", "curl", "version", "1"))),
                "Content-Type",
                "application/json",
                "Accept",
                "*/*");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Mcp-Session-Id")).isNotBlank();
        assertThat(response.json().get("result").get("protocolVersion").asText())
                .isEqualTo("2025-11-25");
    }

    @Test
    void sessionCall_withJsonOnlyAccept_isAnsweredAsJson() {
        String sessionId = initialize();

        Http.Response response = http.post(
                "/mcp",
                http.request("tools/list", Map.of()),
                "Content-Type",
                "application/json",
                "Accept",
                "application/json",
                "Mcp-Session-Id",
                sessionId);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("result").get("tools")).hasSize(8);
    }

    @Test
    void deleteWithoutSessionHeader_answers400Envelope() {
        Http.Response response = http.send("DELETE", "/mcp", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asInt()).isEqualTo(-32600);
    }
}
