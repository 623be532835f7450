package io.msbmcp.adapter.tool;

import static io.msbmcp.adapter.testing.RpcAssertions.assertConforms;
import static io.msbmcp.adapter.testing.RpcAssertions.assertError;
import static io.msbmcp.adapter.testing.RpcAssertions.assertInvalidArgument;
import static io.msbmcp.adapter.testing.RpcAssertions.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.TestServer;
import io.msbmcp.wrapper.VolumeMapping;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** get_sessions, stop_session and get_volume_path over HTTP. */
@Timeout(30)
final class SessionToolsTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static TestServer server;
    private static final Map<String, JsonNode> outputSchemas = new HashMap<>();

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(
                backend.baseUrl(),
                s -> s,
                w -> w.volumeMappings(List.of(new VolumeMapping("/srv/data", "/sandbox/data"))));
        JsonNode list = server.http()
                .post("/mcp", server.http().request("tools/list", Map.of()), "Content-Type", "application/json")
                .json();
        for (JsonNode tool : list.get("result").get("tools")) {
            outputSchemas.put(tool.get("name").asText(), tool.get("outputSchema"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode call(String tool, Map<String, ?> arguments) {
        return server.http().callTool(tool, arguments);
    }

    @Test
    void getSessions_listsLiveSessionsWithEveryField() {
        result(call("execute_code", Map.of("code", "1", "session_id", "listed-1", "template", "node")));

        JsonNode result = result(call("get_sessions", Map.of()));

        JsonNode sessions = result.get("structuredContent").get("sessions");
        JsonNode session = null;
        for (JsonNode item : sessions) {
            if (item.get("session_id").asText().equals("listed-1")) {
                session = item;
            }
        }
        assertThat(session).isNotNull();
        assertThat(session.get("template").asText()).isEqualTo("node");
        assertThat(session.get("flavor").asText()).isEqualTo("small");
        assertThat(session.get("status").asText()).isEqualTo("ready");
        assertThat(session.get("namespace").asText()).isEqualTo("msb-mcp");
        assertThat(session.get("sandbox_name").asText()).isNotBlank();
        assertThat(session.get("executions").asInt()).isEqualTo(1);
        assertThat(session.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(session.get("expires_at").asText()).isNotBlank();
        assertThat(session.get("last_accessed").asText()).isNotBlank();
        assertThat(result.get("content").get(0).get("text").asText()).contains("listed-1");
        assertThat(result.has("session_id")).isFalse();
        assertConforms(outputSchemas.get("get_sessions"), result.get("structuredContent"));
    }

    @Test
    void getSessions_oneById_returnsOnlyIt() {
        result(call("execute_code", Map.of("code", "1", "session_id", "listed-2")));

        JsonNode sessions = result(call("get_sessions", Map.of("session_id", "listed-2")))
                .get("structuredContent")
                .get("sessions");

        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("session_id").asText()).isEqualTo("listed-2");
    }

    @Test
    void getSessions_unknownId_answersSessionNotFound() {
        JsonNode error = assertError(call("get_sessions", Map.of("session_id", "ghost")), -32602, "SESSION_NOT_FOUND");

        assertThat(error.get("message").asText()).isEqualTo("Session 'ghost' not found");
    }

    @Test
    void stopSession_liveSession_stopsItAndItsSandbox() {
        result(call("execute_code", Map.of("code", "1", "session_id", "to-stop")));
        int stopsBefore = Backend.calls(backend, "sandbox.stop").size();

        JsonNode result = result(call("stop_session", Map.of("session_id", "to-stop")));

        assertThat(result.get("structuredContent").get("session_id").asText()).isEqualTo("to-stop");
        assertThat(result.get("structuredContent").get("stopped").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText()).contains("to-stop", "stopped");
        assertThat(Backend.calls(backend, "sandbox.stop")).hasSizeGreaterThan(stopsBefore);
        assertConforms(outputSchemas.get("stop_session"), result.get("structuredContent"));
        assertError(call("get_sessions", Map.of("session_id", "to-stop")), -32602, "SESSION_NOT_FOUND");
    }

    @Test
    void stopSession_unknownId_answersSessionNotFoundWithContext() {
        JsonNode error =
                assertError(call("stop_session", Map.of("session_id", "unknown-1")), -32602, "SESSION_NOT_FOUND");

        assertThat(error.get("message").asText()).isEqualTo("Session 'unknown-1' not found");
        assertThat(error.get("data").get("category").asText()).isEqualTo("session");
        assertThat(error.get("data").get("severity").asText()).isEqualTo("low");
        assertThat(error.get("data").get("context").get("session_id").asText()).isEqualTo("unknown-1");
    }

    @Test
    void stopSession_missingSessionId_answersInvalidParams() {
        assertInvalidArgument(call("stop_session", Map.of()), "session_id");
    }

    @Test
    void getVolumePath_listsTheMappings() {
        JsonNode result = result(call("get_volume_path", Map.of()));

        JsonNode mappings = result.get("structuredContent").get("volume_mappings");
        assertThat(mappings).hasSize(1);
        assertThat(mappings.get(0).get("host_path").asText()).isEqualTo("/srv/data");
        assertThat(mappings.get(0).get("container_path").asText()).isEqualTo("/sandbox/data");
        assertThat(result.get("content").get(0).get("text").asText()).contains("/srv/data -> /sandbox/data");
        assertConforms(outputSchemas.get("get_volume_path"), result.get("structuredContent"));
    }

    @Test
    void getVolumePath_withArguments_answersInvalidParams() {
        assertInvalidArgument(call("get_volume_path", Map.of("path", "/")), "path");
    }

    @Test
    void unknownTool_answersInvalidParams() {
        JsonNode response = call("no_such_tool", Map.of());

        JsonNode error = assertError(response, -32602, "INVALID_ARGUMENT");
        assertThat(error.get("message").asText()).isEqualTo("Unknown tool: no_such_tool");
        assertThat(error.get("data").get("context").get("field").asText()).isEqualTo("name");
        assertThat(error.get("data").get("context").get("reason").asText()).contains("execute_code");
        assertThat(error.get("data").get("error_code").asText()).isEqualTo("INVALID_ARGUMENT");
    }
}
