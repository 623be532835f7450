package io.msbmcp.adapter.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET / and GET /health in both states of the Microsandbox server. */
@Timeout(30)
final class HealthTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    @Test
    void health_backendUp_answers200Healthy() {
        Backend.healthy(backend);
        try (TestServer server = TestServer.start(backend.baseUrl(), s -> s, w -> w.maxSessions(7))) {
            server.http().callTool("execute_code", Map.of("code", "1"));

            Http.Response response = server.http().get("/health");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            JsonNode json = response.json();
            assertThat(json.get("status").asText()).isEqualTo("healthy");
            assertThat(json.get("server").asText()).isEqualTo("MCP Server for Microsandbox");
            assertThat(json.get("wrapper_status").asText()).isEqualTo("connected");
            assertThat(json.get("active_sessions").asInt()).isEqualTo(1);
            assertThat(json.get("max_sessions").asInt()).isEqualTo(7);
            assertThat(json.get("memory_in_use_mb").asInt()).isEqualTo(1024);
            assertThat(json.get("executions").asInt()).isEqualTo(1);
            assertThat(json.get("namespace").asText()).isEqualTo("msb-mcp");
            assertThat(json.get("circuit_breaker").asText()).isEqualTo("closed");
            assertThat(json.has("uptime_seconds")).isTrue();
            assertThat(json.has("last_orphan_sweep")).isTrue();
        }
    }

    @Test
    void health_backendDown_answers503DegradedAndMcpStillServes() {
        try (TestServer server = TestServer.start(TestServer.deadUrl(), s -> s, w -> w)) {
            Http.Response health = server.http().get("/");

            assertThat(health.status()).isEqualTo(503);
            JsonNode json = health.json();
            assertThat(json.get("status").asText()).isEqualTo("degraded");
            assertThat(json.get("wrapper_status").asText()).isEqualTo("disconnected");
            assertThat(json.get("server").asText()).isEqualTo("MCP Server for Microsandbox");
            Http.Response list = server.http()
                    .post("/mcp", server.http().request("tools/list", Map.of()), "Content-Type", "application/json");
            assertThat(list.status()).isEqualTo(200);
        }
    }

    @Test
    void health_backendAnswersError_answers503() {
        Backend.healthy(backend);
        backend.stubFor(get(urlEqualTo(Backend.HEALTH_PATH)).willReturn(Backend.json(502, "<html>Bad Gateway</html>")));
        try (TestServer server = TestServer.start(backend)) {
            assertThat(server.http().get("/health").status()).isEqualTo(503);
        } finally {
            backend.resetAll();
        }
    }
}
