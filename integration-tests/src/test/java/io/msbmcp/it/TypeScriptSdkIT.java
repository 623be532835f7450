package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk} 1.32.2, {@code clients/sdk-client.mjs}) over
 * streamable HTTP: handshake with a negotiated protocol version, tool list with output schemas (which the client
 * validates results against, error results included), code run, session reuse, and JSON-RPC errors with code and
 * {@code data} as the client surfaces them.
 */
@Timeout(300)
final class TypeScriptSdkIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void typeScriptSdkClient_fullFlow_seesToolsResultsAndErrors() {
        String url = it.shared().adapter().mcpUrl().toString();

        Processes.Result run = NodeClients.node(
                "sdk-client", List.of("sdk-client.mjs", url), Map.of(), it.logDir(), Duration.ofSeconds(120));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = Json.lastObjectLine(run.stdout());
        System.out.println("[it] TypeScript SDK report: " + report);
        assertThat(report.has("unexpected")).as(report.toString()).isFalse();
        assertThat(report.path("sessionId").asText()).isNotBlank();
        assertThat(report.path("protocolVersion").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(report.path("serverVersion").path("name").asText()).isEqualTo("msb-mcp");
        assertThat(report.path("serverCapabilities").has("tools")).isTrue();
        assertThat(Json.MAPPER.convertValue(report.path("tools"), List.class))
                .containsExactlyElementsOf(ToolNames.SORTED);
        assertThat(report.path("toolsWithOutputSchema")).isEqualTo(report.path("tools"));
        assertThat(report.path("first").path("created").asBoolean()).isTrue();
        assertThat(report.path("first").path("isError").asBoolean()).isFalse();
        assertThat(report.path("second").path("stdout").asText()).isEqualTo("42");
        assertThat(report.path("second").path("created").asBoolean()).isFalse();
        assertThat(report.path("failing").path("isError").asBoolean()).isTrue();
        assertThat(report.path("failing").path("stderr").asText()).contains("ZeroDivisionError");
        JsonNode unknownStop = report.path("unknownStop");
        assertThat(unknownStop.path("code").asInt()).isEqualTo(-32602);
        assertThat(unknownStop.path("message").asText()).contains("Session 'no-such-session' not found");
        assertThat(unknownStop.path("data").path("error_code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(unknownStop.path("data").path("recovery_suggestions")).isNotEmpty();
        JsonNode invalid = report.path("invalidArgument");
        assertThat(invalid.path("code").asInt()).isEqualTo(-32602);
        assertThat(invalid.path("data").path("error_code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(invalid.path("message").asText()).contains("timeout");
        assertThat(report.path("stopped").path("stopped").asBoolean()).isTrue();
    }
}
