package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web MCP client in real headless chromium ({@code clients/browser-client.mjs}, playwright-core): a page served
 * from another origin calls {@code /mcp} with {@code fetch} (initialize, read {@code Mcp-Session-Id},
 * notifications/initialized, tools/call). With {@code --enable-cors} it works; without CORS (the shared adapter) the
 * browser refuses the cross-origin call.
 */
@Timeout(300)
final class BrowserClientIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final String CHROMIUM = System.getProperty("msbmcp.it.chromium", "/usr/bin/chromium");

    @Test
    void webPage_corsEnabled_initializesReadsSessionIdAndRunsCode() {
        AdapterProcess adapter = it.start(it.adapterOnSharedDevServer("it-cors").flag("--enable-cors"));

        JsonNode report = browser(adapter.mcpUrl());

        assertThat(report.path("fetchError").isNull()).as(report.toString()).isTrue();
        assertThat(report.path("step").asText()).isEqualTo("done");
        assertThat(report.path("origin").asText()).isNotEqualTo(originOf(adapter.mcpUrl()));
        assertThat(report.path("initStatus").asInt()).isEqualTo(200);
        assertThat(report.path("sessionId").asText())
                .as("Mcp-Session-Id readable by page script")
                .isNotBlank();
        assertThat(report.path("serverName").asText()).isEqualTo("msb-mcp");
        assertThat(report.path("initializedStatus").asInt()).isEqualTo(202);
        assertThat(report.path("callStatus").asInt()).isEqualTo(200);
        assertThat(report.path("stdout").asText()).isEqualTo("42");
        adapter.mcp()
                .callTool(
                        "stop_session",
                        Map.of("session_id", report.path("sandboxSession").asText()));
    }

    @Test
    void webPage_corsDisabled_fetchRefusedByTheBrowser() {
        AdapterProcess adapter = it.shared().adapter();
        int sessionsBefore = adapter.health().body().path("sessions_created").asInt();

        JsonNode report = browser(adapter.mcpUrl());

        assertThat(report.path("step").asText()).isEqualTo("initialize");
        assertThat(report.path("fetchError").asText()).isEqualTo("TypeError: Failed to fetch");
        assertThat(report.has("initStatus")).isFalse();
        assertThat(report.path("consoleErrors").toString()).contains("CORS");
        assertThat(adapter.health().body().path("sessions_created").asInt()).isEqualTo(sessionsBefore);
    }

    @Test
    void preflight_corsEnabled_allowsMcpHeadersAndExposesSessionId() throws Exception {
        AdapterProcess adapter =
                it.start(it.adapterOnSharedDevServer("it-cors-preflight").flag("--enable-cors"));
        String origin = "http://127.0.0.1:1";

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(adapter.mcpUrl())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,mcp-session-id,mcp-protocol-version")
                .build());
        HttpResponse<String> initialize = send(HttpRequest.newBuilder(adapter.mcpUrl())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .build());
        HttpResponse<String> withoutCors =
                send(HttpRequest.newBuilder(it.shared().adapter().mcpUrl())
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .build());

        assertThat(preflight.statusCode()).isBetween(200, 299);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();
        assertThat(preflight
                        .headers()
                        .allValues("Access-Control-Allow-Headers")
                        .toString()
                        .toLowerCase())
                .contains("mcp-session-id")
                .contains("mcp-protocol-version")
                .contains("content-type");
        assertThat(initialize.statusCode()).isEqualTo(200);
        assertThat(initialize.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(initialize
                        .headers()
                        .allValues("Access-Control-Expose-Headers")
                        .toString()
                        .toLowerCase())
                .contains("mcp-session-id");
        assertThat(withoutCors.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    private static JsonNode browser(URI mcpUrl) {
        Processes.Result run = NodeClients.node(
                "browser-client",
                List.of("browser-client.mjs", mcpUrl.toString(), CHROMIUM),
                Map.of(),
                it.logDir(),
                Duration.ofSeconds(120));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = Json.lastObjectLine(run.stdout());
        System.out.println("[it] browser client report: " + report);
        return report;
    }

    private static String originOf(URI url) {
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
