package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2026-07-28 era over HTTP: discovery, result decoration, the validation answers and the removed methods. */
@Timeout(30)
final class ModernEraTest {
    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private static EngineServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = new EngineServer(Duration.ofSeconds(10));
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A modern POST with the standard headers, then {@code extra} name/value pairs (replacing same-named ones). */
    static Http.Response post(String method, String paramsWithoutBraces, String... extra) {
        return postTo(http, method, paramsWithoutBraces, extra);
    }

    /** The same, to {@code target}. */
    static Http.Response postTo(Http target, String method, String paramsWithoutBraces, String... extra) {
        List<String> headers = new ArrayList<>(List.of(
                "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream",
                "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", method));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            int at = -1;
            for (int j = 0; j < headers.size(); j += 2) {
                if (headers.get(j).equalsIgnoreCase(extra[i])) {
                    at = j;
                }
            }
            if (at >= 0) {
                headers.set(at + 1, extra[i + 1]);
            } else {
                headers.addAll(Arrays.asList(extra[i], extra[i + 1]));
            }
        }
        headers.removeIf(h -> h.equals("<none>"));
        List<String> clean = new ArrayList<>();
        for (int j = 0; j + 1 < headers.size(); j += 2) {
            if (!headers.get(j + 1).equals("<drop>")) {
                clean.add(headers.get(j));
                clean.add(headers.get(j + 1));
            }
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"" + method + "\",\"params\":{" + paramsWithoutBraces
                + "}}";
        return target.post("/mcp", body, clean.toArray(String[]::new));
    }

    private static JsonNode assertError(Http.Response response, int status, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode json = response.json();
        assertThat(json.get("id").asInt()).isEqualTo(21);
        assertThat(json.get("error").get("code").asInt()).isEqualTo(code);
        return json.get("error");
    }

    @Test
    void discover_answersVersionsCapabilitiesAndServerInfo() {
        Http.Response response = post("server/discover", META);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode result = response.json().get("result");
        assertThat(result.get("resultType").asText()).isEqualTo("complete");
        assertThat(result.get("supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(result.get("capabilities").has("tools")).isTrue();
        assertThat(result.get("capabilities").has("logging")).isFalse();
        assertThat(result.get("capabilities").path("resources").has("subscribe"))
                .isFalse();
        assertThat(result.get("_meta")
                        .get("io.modelcontextprotocol/serverInfo")
                        .get("name")
                        .asText())
                .isEqualTo("msb-mcp");
    }

    @Test
    void lists_carryResultTypeAndCachingHints() {
        for (String method : List.of("tools/list", "prompts/list", "resources/list", "resources/templates/list")) {
            JsonNode result = post(method, META).json().get("result");

            assertThat(result.get("resultType").asText()).as(method).isEqualTo("complete");
            assertThat(result.get("ttlMs").asLong()).as(method).isGreaterThanOrEqualTo(0);
            assertThat(result.get("cacheScope").asText()).as(method).isIn("public", "private");
            assertThat(result.get("_meta").has("io.modelcontextprotocol/serverInfo"))
                    .isTrue();
        }
    }

    @Test
    void toolsList_annotatesSessionIdForTheParamHeader() {
        JsonNode tool =
                post("tools/list", META).json().get("result").get("tools").get(0);

        assertThat(tool.get("inputSchema")
                        .get("properties")
                        .get("session_id")
                        .get("x-mcp-header")
                        .asText())
                .isEqualTo("Session-Id");
    }

    @Test
    void toolsCall_withMatchingHeaders_runsAndIsComplete() {
        Http.Response response = post(
                "tools/call",
                "\"name\":\"wait\",\"arguments\":{\"seconds\":0,\"session_id\":\"s1\"}," + META,
                "Mcp-Name",
                "wait",
                "Mcp-Param-Session-Id",
                "=?base64?czE=?=");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("result").get("resultType").asText()).isEqualTo("complete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<drop>", "other", "=?base64?b3RoZXI=?=", "=?base64?czE?=", "=?base64?c!E=?="})
    void toolsCall_sessionIdHeaderNotMatchingTheArgument_answers400HeaderMismatch(String header) {
        Http.Response response = post(
                "tools/call",
                "\"name\":\"wait\",\"arguments\":{\"seconds\":0,\"session_id\":\"s1\"}," + META,
                "Mcp-Name",
                "wait",
                "Mcp-Param-Session-Id",
                header);

        assertThat(assertError(response, 400, -32020).get("message").asText()).contains("Mcp-Param-Session-Id");
    }

    @Test
    void toolsCall_sessionIdHeaderWithoutTheArgument_answers400() {
        Http.Response response = post(
                "tools/call",
                "\"name\":\"wait\",\"arguments\":{\"seconds\":0}," + META,
                "Mcp-Name",
                "wait",
                "Mcp-Param-Session-Id",
                "s1");

        assertError(response, 400, -32020);
    }

    @Test
    void toolsCall_nameHeader_trimmedAcceptedMissingOrWrongRefused() {
        String params = "\"name\":\"wait\",\"arguments\":{\"seconds\":0}," + META;

        assertThat(post("tools/call", params, "Mcp-Name", "  wait  ").status()).isEqualTo(200);
        assertError(post("tools/call", params), 400, -32020);
        assertError(post("tools/call", params, "Mcp-Name", "other"), 400, -32020);
    }

    @Test
    void methodHeader_missingWrongOrWrongCase_answers400HeaderMismatch() {
        assertError(post("tools/list", META, "Mcp-Method", "<drop>"), 400, -32020);
        assertError(post("tools/list", META, "Mcp-Method", "prompts/list"), 400, -32020);
        assertError(post("tools/list", META, "Mcp-Method", "TOOLS/LIST"), 400, -32020);
        assertThat(post("tools/list", META, "mcp-method", "tools/list").status())
                .isEqualTo(200);
    }

    @Test
    void meta_missingOrIncomplete_answers400InvalidParams() {
        assertError(post("server/discover", ""), 400, -32602);
        assertError(
                post("server/discover", "\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{}}"), 400, -32602);
        assertError(
                post("server/discover", "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}"),
                400,
                -32602);
    }

    @Test
    void protocolVersionHeader_missingOrDifferent_answers400HeaderMismatch() {
        assertError(post("server/discover", META, "MCP-Protocol-Version", "<drop>"), 400, -32020);
        assertError(post("server/discover", META.replace("2026-07-28", "2027-01-01")), 400, -32020);
    }

    @Test
    void unsupportedVersion_answers400WithSupportedAndRequested() {
        JsonNode error = assertError(
                post("server/discover", META.replace("2026-07-28", "v999.0.0"), "MCP-Protocol-Version", "v999.0.0"),
                400,
                -32022);

        assertThat(error.get("data").get("supported").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(error.get("data").get("requested").asText()).isEqualTo("v999.0.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "initialize",
                "ping",
                "logging/setLevel",
                "resources/subscribe",
                "resources/unsubscribe",
                "no/such"
            })
    void removedOrUnknownMethod_answers404MethodNotFound(String method) {
        assertError(post(method, META), 404, -32601);
    }

    @Test
    void resourcesRead_unknownUri_isInvalidParamsNamingTheUri() {
        Http.Response response = post("resources/read", "\"uri\":\"test://nope\"," + META, "Mcp-Name", "test://nope");

        JsonNode error = assertError(response, 200, -32602);
        assertThat(error.get("data").get("uri").asText()).isEqualTo("test://nope");
    }

    @Test
    void notification_answers202() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":{" + META + "}}",
                "Content-Type",
                "application/json",
                "MCP-Protocol-Version",
                "2026-07-28",
                "Mcp-Method",
                "notifications/initialized");

        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void getAndDelete_answer405() {
        assertThat(http.get("/mcp", "MCP-Protocol-Version", "2026-07-28").status())
                .isEqualTo(405);
        assertThat(http.send("DELETE", "/mcp", null, "MCP-Protocol-Version", "2026-07-28")
                        .status())
                .isEqualTo(405);
    }

    @Test
    void headerOnlyClaim_withoutMeta_isModernAndRefused() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/list\"}",
                "Content-Type",
                "application/json",
                "MCP-Protocol-Version",
                "2026-07-28");

        assertError(response, 400, -32602);
    }
}
