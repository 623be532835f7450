package io.msbmcp.adapter.server;

import static io.msbmcp.adapter.testing.Backend.replOutput;
import static io.msbmcp.adapter.testing.Backend.rpc;
import static io.msbmcp.adapter.testing.Backend.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.RawHttp;
import io.msbmcp.adapter.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed README's "Manual Testing with curl" requests, byte for byte as curl sends them. */
@Timeout(30)
final class SeedCurlTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static TestServer server;

    /** {@code -d '{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}'} */
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";

    /** The seed's execute_code body, with its indentation and newlines, as {@code -d '…'} sends it. */
    private static final String EXECUTE_CODE = """
            {
                "jsonrpc": "2.0",
                "id": 2,
                "method": "tools/call",
                "params": {
                  "name": "execute_code",
                  "arguments": {
                    "code": "print(\\"Hello from MCP!\\")",
                    "template": "python"
                  }
                }
              }""";

    /** The seed's get_sessions monitoring call. */
    private static final String GET_SESSIONS =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_sessions\",\"arguments\":{}}}";

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        backend.stubFor(rpc("sandbox.repl.run").willReturn(replOutput(stdout("Hello from MCP!"))));
        server = TestServer.start(backend);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** curl with {@code -H "Content-Type: application/json"} sends {@code Accept: *}{@code /*}; we also try none. */
    @ParameterizedTest
    @ValueSource(strings = {"Accept: */*\r\n", ""})
    void toolsList_curlRequest_answers200JsonWithFiveTools(String accept) throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(),
                RawHttp.curlRequest(
                        "POST", server.port(), "/mcp", accept + "Content-Type: application/json\r\n", TOOLS_LIST));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = Http.JSON.readTree(response.body());
        assertThat(json.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(json.get("id").asInt()).isEqualTo(1);
        assertThat(json.findValuesAsText("name"))
                .contains("execute_code", "execute_command", "get_sessions", "stop_session", "get_volume_path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept: */*\r\n", ""})
    void executeCode_curlRequest_answers200JsonWithOutputAndSession(String accept) throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(),
                RawHttp.curlRequest(
                        "POST", server.port(), "/mcp", accept + "Content-Type: application/json\r\n", EXECUTE_CODE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = Http.JSON.readTree(response.body());
        assertThat(json.get("id").asInt()).isEqualTo(2);
        JsonNode result = json.get("result");
        assertThat(result.get("isError").asBoolean()).isFalse();
        String sessionId = result.get("structuredContent").get("session_id").asText();
        assertThat(result.get("content").get(0).get("text").asText())
                .isEqualTo("Hello from MCP!\n[session: " + sessionId + " (created)]");
        assertThat(result.get("structuredContent").get("stdout").asText()).isEqualTo("Hello from MCP!");
        assertThat(result.get("session_id").asText()).isEqualTo(sessionId);
        assertThat(result.get("session_created").asBoolean()).isTrue();
    }

    @Test
    void getSessions_curlMonitoringRequest_answers200Json() throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(),
                RawHttp.curlRequest(
                        "POST",
                        server.port(),
                        "/mcp",
                        "Accept: */*\r\nContent-Type: application/json\r\n",
                        GET_SESSIONS));

        assertThat(response.status()).isEqualTo(200);
        assertThat(Http.JSON
                        .readTree(response.body())
                        .get("result")
                        .get("structuredContent")
                        .has("sessions"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health"})
    void status_curlGet_answersSeedFormat(String path) throws Exception {
        RawHttp.Response response =
                RawHttp.send(server.port(), RawHttp.curlRequest("GET", server.port(), path, "Accept: */*\r\n", ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = Http.JSON.readTree(response.body());
        assertThat(json.get("status").asText()).isEqualTo("healthy");
        assertThat(json.get("server").asText()).isEqualTo("MCP Server for Microsandbox");
        assertThat(json.get("version").asText()).isNotBlank();
        assertThat(json.get("wrapper_status").asText()).isEqualTo("connected");
    }
}
