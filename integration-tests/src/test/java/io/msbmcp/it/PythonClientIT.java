package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official Python client ({@code mcp} 2.3.0, {@code clients/python-client.py}) with its default negotiation
 * ({@code mode='auto'}): it probes {@code server/discover} and adopts 2026-07-28 only on positive evidence, else falls
 * back to {@code initialize}. Against msb-mcp it must end up in the modern era (a discover result, no handshake) and
 * run code in one sandbox session across two calls.
 */
@Timeout(420)
final class PythonClientIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void pythonClient_autoNegotiation_endsUpModernAndRunsCode() {
        String url = it.shared().adapter().mcpUrl().toString();
        String session = Sessions.newId("py");

        Processes.Result run = PythonClients.run(
                "python-client", "python-client.py", List.of(url, session), it.logDir(), Duration.ofSeconds(120));

        JsonNode report = Json.lastObjectLine(run.stdout());
        System.out.println("[it] Python mcp " + PythonClients.MCP_VERSION + " report: " + report);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(report.path("protocolVersion").asText())
                .as("the era mode='auto' negotiated (2025-11-25 means it fell back to initialize)")
                .isEqualTo("2026-07-28");
        assertThat(report.path("discovered").asBoolean())
                .as("a server/discover result was adopted")
                .isTrue();
        assertThat(report.path("handshake").asBoolean())
                .as("no initialize handshake")
                .isFalse();
        assertThat(report.path("supportedVersions").toString()).contains("2026-07-28");
        assertThat(report.path("serverName").asText()).isEqualTo("msb-mcp");
        assertThat(Json.MAPPER.convertValue(report.path("tools"), List.class))
                .containsExactlyElementsOf(ToolNames.SORTED);
        assertThat(report.path("first").path("created").asBoolean()).isTrue();
        assertThat(report.path("second").path("isError").asBoolean()).isFalse();
        assertThat(report.path("second").path("stdout").asText()).isEqualTo("42");
        assertThat(report.path("second").path("created").asBoolean()).isFalse();
        assertThat(report.path("stopped").asBoolean()).isTrue();
    }
}
